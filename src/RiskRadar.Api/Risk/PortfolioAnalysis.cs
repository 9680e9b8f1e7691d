using Microsoft.Extensions.Options;
using RiskRadar.Analytics.Backtesting;
using RiskRadar.Analytics.Optimisation;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Stress;

namespace RiskRadar.Api.Risk;

/// <summary>Stress tests, VaR backtests and optimisation of a book, with the analytics library on its stored bars.</summary>
public sealed class PortfolioAnalysis(PositionSource source, IOptions<RiskCalculationOptions> options)
{
    public static bool TryParseShock(ShockItem item, out Shock? shock, out string? error)
    {
        ArgumentNullException.ThrowIfNull(item);
        shock = null;
        error = null;
        ShockTarget? target = item.Target?.ToLowerInvariant() switch
        {
            "instrument" => ShockTarget.Instrument,
            "asset_class" or "assetclass" => ShockTarget.AssetClass,
            _ => null,
        };
        ShockKind? kind = (item.Kind ?? "relative").ToLowerInvariant() switch
        {
            "relative" => ShockKind.Relative,
            "absolute" => ShockKind.Absolute,
            _ => null,
        };
        if (target is null)
        {
            error = "target must be instrument or asset_class.";
        }
        else if (kind is null)
        {
            error = "kind must be relative or absolute.";
        }
        else if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > 64)
        {
            error = "name must name the instrument or asset class (at most 64 characters).";
        }
        else if (item.Size is not { } size || !double.IsFinite(size) || (kind == ShockKind.Relative && size <= -1))
        {
            error = "size must be a finite number; a relative shock must be above -1 (a price cannot fall below zero).";
        }
        else
        {
            shock = new Shock(target.Value, item.Name, kind.Value, size);
        }

        return shock is not null;
    }

    public async Task<StressResponse> StressAsync(ResolvedBook book, string prices, IReadOnlyList<StressScenario> scenarios, CancellationToken cancellationToken)
    {
        // Stress needs prices, not history: live prices or the daily set's last closes value a position; before any
        // daily history exists, or when asked, the last intraday bar does.
        var valued = prices == ScenarioKinds.Daily
            && await source.ScenariosAsync(book, ScenarioKinds.Daily, lookback: 1, cancellationToken, minScenarios: 0) is { Set: not null } daily
            ? daily
            : (await source.ScenariosAsync(book, ScenarioKinds.Intraday, lookback: 2, cancellationToken, minScenarios: 0))!;
        var positions = valued.Included
            .Select(p => new StressPosition(p.InstrumentId, p.Quantity, p.LocalPrice * p.FxRate, p.AssetClass))
            .ToList();
        var results = scenarios.Select(s =>
        {
            var result = StressTester.Apply(positions, s);
            return new StressScenarioResult(result.Scenario, result.TotalPnl,
                [.. result.Positions.Select(p => new StressPositionResult(p.Instrument, p.MarketValue, p.PriceChange, p.Pnl))]);
        }).ToList();
        return new StressResponse(book.PortfolioId, book.BaseCurrency, valued.AsOf, positions.Sum(p => p.MarketValue), results, valued.WithoutHistory);
    }

    /// <returns>The backtest, or why it cannot be run.</returns>
    public async Task<(BacktestResponse? Result, string? TooLittleHistory)> BacktestAsync(
        ResolvedBook book, string kind, double confidence, int window, int lookback, CancellationToken cancellationToken)
    {
        var scenarios = (await source.ScenariosAsync(book, kind, lookback, cancellationToken))!;
        if (scenarios.Returns is not { } returns || returns.Observations < window + options.Value.MinScenarios)
        {
            var unit = kind == ScenarioKinds.Daily ? "daily rows" : "common bars";
            return (null, $"A backtest of a {window}-row estimation window needs at least {window + options.Value.MinScenarios} {unit}; "
                + $"there are {scenarios.Returns?.Observations ?? 0}.");
        }

        // Hypothetical P&L: today's holdings over past bars, as a regulator's backtest of the risk model asks.
        var exposures = scenarios.Exposures;
        var pnl = PortfolioPnl.FromReturns(returns, exposures);
        var tested = returns.Observations - window;
        var losses = new double[tested];
        var valueAtRisk = new double[tested];
        var riskOptions = new RiskOptions(confidence);
        for (var t = 0; t < tested; t++)
        {
            valueAtRisk[t] = HistoricalVar.FromPnl(pnl.AsSpan(t, window), riskOptions).ValueAtRisk;
            losses[t] = -pnl[t + window];
        }

        var result = VarBacktest.Run(losses, valueAtRisk, confidence);
        return (new BacktestResponse(
            book.PortfolioId!, RiskMethods.Historical, confidence, window, result.Observations, result.Failures, result.ExpectedFailures,
            result.ProportionOfFailures.PValue, result.Independence.PValue, result.ConditionalCoverage.PValue,
            result.Zone.ToString().ToLowerInvariant(), scenarios.AsOf, scenarios.Kind, scenarios.ScenarioSetId), null);
    }

    /// <returns>The optimised weights, or why there are none.</returns>
    public async Task<(OptimizeResponse? Result, string? Problem)> OptimizeAsync(
        ResolvedBook book, string kind, OptimisationObjective objective, bool longOnly, int lookback, CancellationToken cancellationToken)
    {
        var scenarios = (await source.ScenariosAsync(book, kind, lookback, cancellationToken))!;
        if (scenarios.Returns is not { } returns)
        {
            return (null, OnDemandCalculator.TooLittleHistory(scenarios, options.Value.MinScenarios));
        }

        if (returns.Count < 2)
        {
            return (null, "Optimising needs at least two instruments with history.");
        }

        var invested = scenarios.Included.Sum(p => p.Exposure);
        OptimisedPortfolio optimised;
        try
        {
            optimised = PortfolioOptimizer.Optimise(
                ReturnMoments.FromReturns(returns),
                objective,
                longOnly ? PortfolioConstraints.LongOnlyPortfolio : PortfolioConstraints.Unconstrained,
                options.Value.RiskFreeRate,
                scenarios.PeriodsPerYear ?? options.Value.PeriodsPerYear(scenarios.BarPeriod));
        }
        catch (ArgumentException ex)
        {
            return (null, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }

        var weights = scenarios.Included.Select((p, i) => new OptimizedWeight(
            p.InstrumentId,
            optimised.Weights[i],
            invested == 0 ? 0 : p.Exposure / invested,
            optimised.RiskContributions[i],
            // The quantity that holds the weight at today's net value, in the instrument's own price.
            invested * optimised.Weights[i] / (p.LocalPrice * p.FxRate))).ToList();
        if (!double.IsFinite(optimised.Volatility) || optimised.Weights.Any(w => !double.IsFinite(w)))
        {
            return (null, "The optimiser found no finite solution for this history (e.g. instruments that never moved).");
        }

        return (new OptimizeResponse(book.PortfolioId!, objective.ToString(), longOnly, returns.Observations,
            optimised.ExpectedReturn, optimised.Volatility, double.IsFinite(optimised.Sharpe) ? optimised.Sharpe : null, weights, scenarios.ScenarioSetId), null);
    }
}
