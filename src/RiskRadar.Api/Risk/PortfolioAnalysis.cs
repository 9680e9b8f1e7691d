using Microsoft.Extensions.Options;
using RiskRadar.Analytics.Backtesting;
using RiskRadar.Analytics.Optimisation;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Analytics.Stress;
using RiskRadar.Analytics.Valuation;
using RiskRadar.TimeSeries.Scenarios;

namespace RiskRadar.Api.Risk;

/// <summary>Stress tests, VaR backtests and optimisation of a book, with the analytics library on its stored bars.</summary>
public sealed class PortfolioAnalysis(
    PositionSource source, MultiAssetCalculator multiAsset, ScenarioSets sets, TimeProvider clock, IOptions<RiskCalculationOptions> options)
{
    private const string NoDailyHistory = "No daily history is stored yet: import some (POST /v1/admin/history/daily) or wait for Ingestion to load the bundled history.";

    /// <returns>The results, or why a historical scenario cannot be replayed (no daily history).</returns>
    public async Task<(StressResponse? Response, string? Problem)> StressAsync(
        ResolvedBook book, string prices, IReadOnlyList<StressDefinition> definitions, DateOnly? valuationDate, CancellationToken cancellationToken)
    {
        var held = await source.ReferencesAsync(book, cancellationToken);
        if (MultiAssetCalculator.HoldsContracts(held))
        {
            // Contracts are valued on the set's factors (curves, surfaces) as they stand now, and every scenario is a
            // move of those factors, fully revalued.
            if (sets.Current is not { } set)
            {
                return (null, NoDailyHistory);
            }

            var (contracts, references) = await multiAsset.ValueAsync(book, held, set, valuationDate ?? Today, lookback: 1, cancellationToken);
            var outcomes = definitions.Select(d => MultiAssetStress.Run(d, contracts, references)).ToList();
            return (new StressResponse(book.PortfolioId, book.BaseCurrency, AsOf(set), contracts.Value, outcomes, [.. contracts.Excluded.Select(e => e.InstrumentId)])
            {
                Excluded = contracts.Excluded,
            }, null);
        }

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
        var needed = window + options.Value.MinScenarios;
        var unit = kind == ScenarioKinds.Daily ? "daily rows" : "common bars";
        var held = await source.ReferencesAsync(book, cancellationToken);
        double[] pnl;
        IReadOnlyList<DateOnly?> dates;
        DateTimeOffset? asOf;
        string? setId;
        if (MultiAssetCalculator.HoldsContracts(held))
        {
            // Today's book fully revalued over each past day's moves of its factors, as the VaR it tests is.
            if (kind != ScenarioKinds.Daily || sets.Current is not { } set)
            {
                return (null, kind != ScenarioKinds.Daily
                    ? "A book holding options, futures or bonds is backtested on daily scenarios: use scenarios daily."
                    : NoDailyHistory);
            }

            var (valued, _) = await multiAsset.ValueAsync(book, held, set, Today, lookback, cancellationToken);
            if (valued.Scenarios < needed)
            {
                return (null, $"A backtest of a {window}-row estimation window needs at least {needed} {unit}; there are {valued.Scenarios}.");
            }

            pnl = new double[valued.Scenarios];
            valued.Revalue(1, RevaluationMethod.Full, pnl);
            (dates, asOf, setId) = ([.. valued.Rows.Select(r => (DateOnly?)set.Dates[r])], AsOf(set), set.Id);
        }
        else
        {
            var scenarios = (await source.ScenariosAsync(book, kind, lookback, cancellationToken))!;
            if (scenarios.Returns is not { } returns || returns.Observations < needed)
            {
                return (null, $"A backtest of a {window}-row estimation window needs at least {needed} {unit}; there are {scenarios.Returns?.Observations ?? 0}.");
            }

            // Hypothetical P&L: today's holdings over past bars, as a regulator's backtest of the risk model asks.
            pnl = PortfolioPnl.FromReturns(returns, scenarios.Exposures);
            dates = scenarios.Set is { } daily && scenarios.Rows is { } rows ? [.. rows.Select(r => (DateOnly?)daily.Dates[r])] : new DateOnly?[pnl.Length];
            (asOf, setId) = (scenarios.AsOf, scenarios.ScenarioSetId);
        }

        var tested = pnl.Length - window;
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
            days[t] = new BacktestDay(dates[t + window], losses[t], valueAtRisk[t], losses[t] > valueAtRisk[t]);
        }

        return (new BacktestResponse(
            book.PortfolioId!, RiskMethods.Historical, confidence, window, result.Observations, result.Failures, result.ExpectedFailures,
            result.ProportionOfFailures.PValue, result.Independence.PValue, result.ConditionalCoverage.PValue,
            result.Zone.ToString().ToLowerInvariant(), asOf, kind, setId, days), null);
    }

    /// <returns>The optimised weights, or why there are none.</returns>
    public async Task<(OptimizeResponse? Result, string? Problem)> OptimizeAsync(
        ResolvedBook book, string kind, OptimisationObjective objective, bool longOnly, int lookback, CancellationToken cancellationToken)
    {
        if (MultiAssetCalculator.HoldsContracts(await source.ReferencesAsync(book, cancellationToken)))
        {
            return (null, "Optimisation weighs spot instruments by their return history; this book holds options, futures or bonds, which it cannot weigh.");
        }

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

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static DateTimeOffset AsOf(ScenarioSet set) => new(set.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
