using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Analytics.Valuation;
using RiskRadar.Contracts.Events;
using RiskRadar.TimeSeries.Books;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// Risk of a book holding options, futures or bonds at one instant: the multi-asset book the Api's on-demand path
/// builds (<see cref="MultiAssetScenarios"/>), valued at the levels its factors stood at and fully revalued over the
/// scenario set's rows; VaR/ES at the three levels and the ratios from that P&amp;L. Exposures are delta-equivalent
/// (<see cref="PricedPosition.Exposure"/>).
/// </summary>
public static class ContractBookRisk
{
    /// <param name="levels">Each instrument's price at <paramref name="time"/> (spot positions, underlyings, factors, FX pairs).</param>
    public static PortfolioRisk Measure(
        string baseCurrency, long time, IReadOnlyList<PositionValue> positions, IMarketData market, ScenarioSet set, Func<string, double?> levels, PipelineOptions options)
    {
        var references = market.Factors().ToDictionary(f => f.InstrumentId, StringComparer.Ordinal);
        foreach (var position in positions)
        {
            if (market.Reference(position.InstrumentId) is { } reference)
            {
                references[reference.InstrumentId] = reference;
                if ((reference.Option?.Underlying ?? reference.Future?.Underlying) is { } underlying && market.Reference(underlying) is { } spot)
                {
                    references[underlying] = spot;
                }
            }
        }

        var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(time).UtcDateTime);
        var ordered = positions.OrderBy(p => p.InstrumentId, StringComparer.Ordinal).Select(p => (p.InstrumentId, p.Quantity)).ToList();
        var book = MultiAssetScenarios.Build(set, ordered, references, baseCurrency, day, set.Lookback, levels);

        VarEs? at95 = null, at975 = null, at99 = null;
        PerformanceRatios? ratios = null;
        var byAssetClass = new SortedDictionary<string, double>(StringComparer.Ordinal);
        double gross = 0, net = 0;
        foreach (var position in book.Positions)
        {
            gross += Math.Abs(position.Exposure);
            net += position.Exposure;
            byAssetClass[position.AssetClass] = byAssetClass.GetValueOrDefault(position.AssetClass) + position.Exposure;
        }

        var scenarios = 0;
        if (book.Scenarios >= Math.Max(1, options.MinScenarios))
        {
            var pnl = new double[book.Scenarios];
            book.Revalue(1, RevaluationMethod.Full, pnl);
            at95 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.95));
            at975 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.975));
            at99 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.99));
            scenarios = pnl.Length;
            if (Math.Abs(book.Value) > 1e-9 * gross)
            {
                var perYear = book.Positions.Max(p => options.DaysPerYear.GetValueOrDefault(p.AssetClass, 252));
                ratios = PerformanceRatios.FromPnl(pnl, book.Value, options.RiskFreeRate, perYear);
            }
        }

        List<string> without = [.. book.Excluded.Select(e => e.InstrumentId).Order(StringComparer.Ordinal)];
        // The positions, then the levels their contracts were valued at: what an explained window recomputes it from.
        List<HoldingInput> inputs = [.. book.Positions.Select(p => new HoldingInput(p.InstrumentId, p.Currency, p.Quantity, p.UnitPrice, p.FxRate, p.Kind))];
        foreach (var factor in book.Factors.Where(f => book.Positions.All(p => p.InstrumentId != f)).Order(StringComparer.Ordinal))
        {
            if ((references.GetValueOrDefault(factor) ?? market.Reference(factor)) is { } reference && Level(factor, levels, set) is { } level)
            {
                inputs.Add(new HoldingInput(factor, reference.Currency, 0, level, 1.0, reference.Kind));
            }
        }

        return new PortfolioRisk(book.Value, gross, net, byAssetClass, at95, at975, at99, ratios, scenarios, book.Positions.Count, without, inputs);
    }

    /// <summary>The level the book was valued at: the price given, else the set's last close (as <see cref="MultiAssetScenarios"/> reads it).</summary>
    private static double? Level(string id, Func<string, double?> levels, ScenarioSet set) =>
        levels(id) is { } given && given > 0 && double.IsFinite(given) ? given
        : set.IndexOf(id) is >= 0 and var column ? set.LastClose(column).Close
        : null;
}
