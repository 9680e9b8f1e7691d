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
    IReadOnlyList<string> InstrumentsWithoutHistory)
{
    /// <summary>
    /// Values the positions at <paramref name="time"/> (prices as given, FX rates of the FX pairs' closed bars) and
    /// revalues them over the daily scenario set with the rows and missing-data rule every path uses
    /// (<see cref="BookReturns.Select"/>), so an on-demand calculation given the same positions, prices and set
    /// reproduces the measures. Instruments are taken in instrument-id order: sums come out the same bit for bit on
    /// every replay, whatever order the holdings were first seen in.
    /// </summary>
    public static PortfolioRisk Measure(
        string baseCurrency, long time, IReadOnlyList<PositionValue> positions, IMarketData market, IFxRates fx, ScenarioSet? set, PipelineOptions options)
    {
        var withoutHistory = new List<string>();
        var byAssetClass = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var columns = new List<BookInstrument>(positions.Count);
        var valued = new Dictionary<string, (double Value, string AssetClass)>(StringComparer.Ordinal);
        double gross = 0, net = 0;

        foreach (var position in positions.OrderBy(p => p.InstrumentId, StringComparer.Ordinal))
        {
            var reference = market.Reference(position.InstrumentId);
            var rate = reference is null ? null : FxConversion.Find(reference.Currency, baseCurrency, fx)?.RateAt(time);
            if (reference is null || rate is null)
            {
                withoutHistory.Add(position.InstrumentId); // cannot be valued in the base currency yet
                continue;
            }

            var value = position.Quantity * position.Price * rate.Value;
            gross += Math.Abs(value);
            net += value;
            byAssetClass[reference.AssetClass] = byAssetClass.GetValueOrDefault(reference.AssetClass) + value;
            valued[position.InstrumentId] = (value, reference.AssetClass);

            if (set is not null && set.IndexOf(position.InstrumentId) is >= 0 and var column
                && FxLegs.Find(set, reference.Currency, baseCurrency) is { } legs)
            {
                columns.Add(new BookInstrument(position.InstrumentId, column, legs));
            }
            else
            {
                withoutHistory.Add(position.InstrumentId);
            }
        }

        VarEs? at95 = null, at975 = null, at99 = null;
        PerformanceRatios? ratios = null;
        var scenarios = 0;
        if (set is not null && columns.Count > 0)
        {
            var book = BookReturns.Select(set, columns, set.Lookback);
            withoutHistory.AddRange(book.WithoutHistory);
            if (book.Returns is { } returns && returns.Observations >= options.MinScenarios)
            {
                var exposures = book.Included.Select(i => valued[i.InstrumentId].Value).ToArray();
                var pnl = PortfolioPnl.FromReturns(returns, exposures);
                at95 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.95));
                at975 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.975));
                at99 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.99));
                scenarios = returns.Observations;

                // Ratios need a return base; a book whose net value is (near) zero has none.
                var invested = exposures.Sum();
                if (Math.Abs(invested) > 1e-9 * exposures.Sum(Math.Abs))
                {
                    var perYear = book.Included.Max(i => options.DaysPerYear.GetValueOrDefault(valued[i.InstrumentId].AssetClass, 252));
                    ratios = PerformanceRatios.ForPortfolio(returns, exposures, options.RiskFreeRate, perYear);
                }
            }
        }

        withoutHistory.Sort(StringComparer.Ordinal);
        return new PortfolioRisk(net, gross, net, byAssetClass, at95, at975, at99, ratios, scenarios, valued.Count, withoutHistory);
    }
}
