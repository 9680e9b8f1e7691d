using Microsoft.Extensions.Options;
using RiskRadar.Analytics.Backtesting;
using RiskRadar.Analytics.Optimisation;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Analytics.Stress;

namespace RiskRadar.Api.Risk;

/// <summary>Stress tests, VaR backtests and optimisation of a book, with the analytics library on its stored bars.</summary>
public sealed class PortfolioAnalysis(PositionSource source, IOptions<RiskCalculationOptions> options)
{
    /// <returns>The results, or why a historical scenario cannot be replayed (no daily history).</returns>
    public async Task<(StressResponse? Response, string? Problem)> StressAsync(
        ResolvedBook book, string prices, IReadOnlyList<StressDefinition> definitions, CancellationToken cancellationToken)
    {
        // Hypothetical shocks need prices, not history: live prices or the daily set's last closes value a position;
        // before any daily history exists, or when asked, the last intraday bar does. Historical ones need the set.
        var historical = definitions.Any(d => d is PeriodDefinition or WorstDaysDefinition);
        var daily = prices == ScenarioKinds.Daily || historical
            ? await source.ScenariosAsync(book, ScenarioKinds.Daily, lookback: 1, cancellationToken, minScenarios: 0)
            : null;
        if (historical && daily is not { Set: not null, Columns: not null })
        {
            return (null, OnDemandCalculator.TooLittleHistory(daily ?? new BookScenarios(null, [], [], TimeSpan.FromDays(1), null, ScenarioKinds.Daily, null), 1));
        }

        var valued = daily is { Set: not null } && prices == ScenarioKinds.Daily
            ? daily
            : (await source.ScenariosAsync(book, ScenarioKinds.Intraday, lookback: 2, cancellationToken, minScenarios: 0))!;
        var positions = valued.Included
            .Select(p => new StressPosition(p.InstrumentId, p.Quantity, p.LocalPrice * p.FxRate, p.AssetClass))
            .ToList();
        var results = new List<StressScenarioResult>(definitions.Count);
        foreach (var definition in definitions)
        {
            results.Add(definition switch
            {
                ShockDefinition shocks => Result(StressTester.Apply(positions, StressShocks.Expand(shocks, valued.Included, book.BaseCurrency))),
                _ => Historical(definition, daily!),
            });
        }

        return (new StressResponse(book.PortfolioId, book.BaseCurrency, valued.AsOf, positions.Sum(p => p.MarketValue), results, valued.WithoutHistory), null);
    }

    /// <summary>Today's daily-valued book moved by each instrument's cumulative base-currency return over the period.</summary>
    private static StressScenarioResult Historical(StressDefinition definition, BookScenarios daily)
    {
        var set = daily.Set!;
        var columns = daily.Columns!;
        var positions = daily.Included.Select(p => new StressPosition(p.InstrumentId, p.Quantity, p.LocalPrice * p.FxRate, p.AssetClass)).ToList();
        var period = definition switch
        {
            PeriodDefinition given => HistoricalMoves.Between(set, columns, given.From, given.To),
            WorstDaysDefinition worst => HistoricalMoves.Worst(set, columns, daily.Exposures, worst.Days),
            _ => throw new ArgumentOutOfRangeException(nameof(definition)),
        };
        if (period is null)
        {
            // No row in the period, or less history than the run asked for: nothing moves, and every position says so.
            return new StressScenarioResult(definition.Name, 0, [], InstrumentsWithoutHistory: [.. columns.Select(c => c.InstrumentId)]);
        }

        var without = columns.Where((_, k) => double.IsNaN(period.Moves[k])).Select(c => c.InstrumentId).ToList();
        var shocks = columns.Select((c, k) => new Shock(ShockTarget.Instrument, c.InstrumentId, ShockKind.Relative, double.IsNaN(period.Moves[k]) ? 0 : period.Moves[k])).ToList();
        var result = Result(StressTester.Apply(positions, new StressScenario(definition.Name, shocks)));
        return result with { From = period.From, To = period.To, InstrumentsWithoutHistory = without };
    }

    private static StressScenarioResult Result(StressResult result) =>
        new(result.Scenario, result.TotalPnl, [.. result.Positions.Select(p => new StressPositionResult(p.Instrument, p.MarketValue, p.PriceChange, p.Pnl))]);

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
        var days = new BacktestDay[tested];
        for (var t = 0; t < tested; t++)
        {
            DateOnly? date = scenarios.Set is { } set && scenarios.Rows is { } rows ? set.Dates[rows[t + window]] : null;
            days[t] = new BacktestDay(date, losses[t], valueAtRisk[t], losses[t] > valueAtRisk[t]);
        }

        return (new BacktestResponse(
            book.PortfolioId!, RiskMethods.Historical, confidence, window, result.Observations, result.Failures, result.ExpectedFailures,
            result.ProportionOfFailures.PValue, result.Independence.PValue, result.ConditionalCoverage.PValue,
            result.Zone.ToString().ToLowerInvariant(), scenarios.AsOf, scenarios.Kind, scenarios.ScenarioSetId, days), null);
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
