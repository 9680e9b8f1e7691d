using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>A holding's quantity and price (local currency) at a window boundary.</summary>
public sealed record PositionValue(string InstrumentId, double Quantity, double Price);

/// <summary>Valuation and risk of a portfolio at one instant, in its base currency.</summary>
public sealed record PortfolioRisk(
    double MarketValue,
    double GrossExposure,
    double NetExposure,
    IReadOnlyDictionary<string, double> ExposureByAssetClass,
    VarEs? At95,
    VarEs? At975,
    VarEs? At99,
    PerformanceRatios? Ratios,
    int Scenarios,
    int Positions,
    IReadOnlyList<string> InstrumentsWithoutHistory,
    IReadOnlyList<HoldingInput> Inputs)
{
    /// <summary>
    /// Values the positions at <paramref name="time"/> (prices as given, FX rates of the FX pairs' closed bars) and
    /// revalues them over the daily scenario set with the rows and missing-data rule every path uses
    /// (<see cref="BookReturns.Select"/>), so an on-demand calculation given the same positions, prices and set
    /// reproduces the measures. Instruments are taken in instrument-id order: sums come out the same bit for bit on
    /// every replay, whatever order the holdings were first seen in.
    /// </summary>
    /// <param name="levels">
    /// Each instrument's price at <paramref name="time"/>, for a book holding options, futures or bonds: it is measured
    /// as a multi-asset book instead (<see cref="ContractBookRisk"/>).
    /// </param>
    public static PortfolioRisk Measure(
        string baseCurrency, long time, IReadOnlyList<PositionValue> positions, IMarketData market, IFxRates fx, ScenarioSet? set, PipelineOptions options,
        Func<string, double?>? levels = null)
    {
        if (set is not null && levels is not null && positions.Any(p => ContractTimelines.IsContract(market.Reference(p.InstrumentId))))
        {
            return ContractBookRisk.Measure(baseCurrency, time, positions, market, set, levels, options);
        }

        var valuation = BookValuation.Of(baseCurrency, time, positions, market, fx, set);
        if (set is null || valuation.Columns.Count == 0)
        {
            return valuation.Complete([], null, options);
        }

        var book = BookReturns.Select(set, valuation.Columns, set.Lookback);
        if (book.Returns is not { } returns || returns.Observations < options.MinScenarios)
        {
            return valuation.Complete(book.WithoutHistory, null, options);
        }

        var exposures = valuation.ExposuresOf(book.Included);
        return valuation.Complete(book.WithoutHistory, new BookPnl(book.Included, exposures, PortfolioPnl.FromReturns(returns, exposures)), options);
    }
}

/// <summary>A book's scenario P&amp;L over the included instruments, at the exposures given, in their order.</summary>
public sealed record BookPnl(IReadOnlyList<BookInstrument> Included, double[] Exposures, double[] Pnl);

/// <summary>
/// A book valued in its base currency at one instant, before its risk: what the window path and the provisional
/// batch share, so both measure the same P&amp;L the same way.
/// </summary>
public sealed class BookValuation
{
    private readonly SortedDictionary<string, double> _byAssetClass = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Value, string AssetClass)> _valued = new(StringComparer.Ordinal);
    private readonly List<string> _withoutHistory = [];
    private readonly List<HoldingInput> _inputs = [];
    private double _gross, _net;

    private BookValuation()
    {
    }

    /// <summary>The held instruments the scenario set can revalue, in instrument-id order, with their FX legs.</summary>
    public List<BookInstrument> Columns { get; } = [];

    public static BookValuation Of(
        string baseCurrency, long time, IReadOnlyList<PositionValue> positions, IMarketData market, IFxRates fx, ScenarioSet? set)
    {
        var valuation = new BookValuation();
        foreach (var position in positions.OrderBy(p => p.InstrumentId, StringComparer.Ordinal))
        {
            var reference = market.Reference(position.InstrumentId);
            var rate = reference is null ? null : FxConversion.Find(reference.Currency, baseCurrency, fx)?.RateAt(time);
            if (reference is null || rate is null)
            {
                valuation._withoutHistory.Add(position.InstrumentId); // cannot be valued in the base currency yet
                continue;
            }

            var value = position.Quantity * position.Price * rate.Value;
            valuation._gross += Math.Abs(value);
            valuation._net += value;
            valuation._byAssetClass[reference.AssetClass] = valuation._byAssetClass.GetValueOrDefault(reference.AssetClass) + value;
            valuation._valued[position.InstrumentId] = (value, reference.AssetClass);
            valuation._inputs.Add(new HoldingInput(position.InstrumentId, reference.Currency, position.Quantity, position.Price, rate.Value));

            if (set is not null && set.IndexOf(position.InstrumentId) is >= 0 and var column
                && FxLegs.Find(set, reference.Currency, baseCurrency) is { } legs)
            {
                valuation.Columns.Add(new BookInstrument(position.InstrumentId, column, legs));
            }
            else
            {
                valuation._withoutHistory.Add(position.InstrumentId);
            }
        }

        return valuation;
    }

    /// <summary>The base-currency market values of <paramref name="included"/>, in their order.</summary>
    public double[] ExposuresOf(IReadOnlyList<BookInstrument> included)
    {
        var exposures = new double[included.Count];
        for (var i = 0; i < exposures.Length; i++)
        {
            exposures[i] = _valued[included[i].InstrumentId].Value;
        }

        return exposures;
    }

    /// <summary>The valuation with its measures: VaR/ES at the three levels and the ratios from <paramref name="pnl"/>, when there is one.</summary>
    /// <param name="withoutHistory">Instruments the set's rows left out, besides those it has no column for.</param>
    public PortfolioRisk Complete(IReadOnlyList<string> withoutHistory, BookPnl? pnl, PipelineOptions options)
    {
        var tail = TailMeasures.None;
        if (pnl is not null)
        {
            double invested = 0, gross = 0;
            foreach (var exposure in pnl.Exposures)
            {
                invested += exposure;
                gross += Math.Abs(exposure);
            }

            tail = TailMeasures.Of(pnl.Pnl, invested, gross, () => pnl.Included.Max(i => options.DaysPerYear.GetValueOrDefault(_valued[i.InstrumentId].AssetClass, 252)), options);
        }

        var without = new List<string>(_withoutHistory.Count + withoutHistory.Count);
        without.AddRange(_withoutHistory);
        without.AddRange(withoutHistory);
        without.Sort(StringComparer.Ordinal);
        return new PortfolioRisk(_net, _gross, _net, _byAssetClass, tail.At95, tail.At975, tail.At99, tail.Ratios, tail.Scenarios, _valued.Count, without, _inputs);
    }
}

/// <summary>What every window end and refresh measures of a book's scenario P&amp;L: VaR/ES at 95, 97.5 and 99 %, and the ratios.</summary>
public sealed record TailMeasures(VarEs? At95, VarEs? At975, VarEs? At99, PerformanceRatios? Ratios, int Scenarios)
{
    public static readonly TailMeasures None = new(null, null, null, null, 0);

    /// <param name="netValue">The return base of the ratios; a book whose net value is (near) zero against <paramref name="gross"/> has none.</param>
    public static TailMeasures Of(double[] pnl, double netValue, double gross, Func<int> periodsPerYear, PipelineOptions options) => new(
        HistoricalVar.FromPnl(pnl, new RiskOptions(0.95)),
        HistoricalVar.FromPnl(pnl, new RiskOptions(0.975)),
        HistoricalVar.FromPnl(pnl, new RiskOptions(0.99)),
        Math.Abs(netValue) > 1e-9 * gross ? PerformanceRatios.FromPnl(pnl, netValue, options.RiskFreeRate, periodsPerYear()) : null,
        pnl.Length);
}
