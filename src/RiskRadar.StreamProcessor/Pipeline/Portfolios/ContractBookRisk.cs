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
        var references = market.ValuationReferences(positions.Select(p => p.InstrumentId));
        var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(time).UtcDateTime);
        var ordered = positions.OrderBy(p => p.InstrumentId, StringComparer.Ordinal).Select(p => (p.InstrumentId, p.Quantity)).ToList();
        var book = MultiAssetScenarios.Build(set, ordered, references, baseCurrency, day, set.Lookback, levels);
        var valuedAt = MultiAssetScenarios.LevelOrLastClose(levels, set);

        double gross = 0, net = 0;
        var byAssetClass = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var position in book.Positions)
        {
            gross += Math.Abs(position.Exposure);
            net += position.Exposure;
            byAssetClass[position.AssetClass] = byAssetClass.GetValueOrDefault(position.AssetClass) + position.Exposure;
        }

        var tail = TailMeasures.None;
        if (book.Scenarios >= Math.Max(1, options.MinScenarios))
        {
            var pnl = new double[book.Scenarios];
            book.Revalue(1, RevaluationMethod.Full, pnl);
            tail = TailMeasures.Of(pnl, book.Value, gross, () => book.Positions.Max(p => options.DaysPerYear.GetValueOrDefault(p.AssetClass, 252)), options);
        }

        List<string> without = [.. book.Excluded.Select(e => e.InstrumentId).Order(StringComparer.Ordinal)];
        // The positions, then the levels their contracts were valued at: what an explained window recomputes it from.
        List<HoldingInput> inputs = [.. book.Positions.Select(p => new HoldingInput(p.InstrumentId, p.Currency, p.Quantity, p.UnitPrice, p.FxRate, p.Kind))];
        foreach (var factor in book.Factors.Where(f => book.Positions.All(p => p.InstrumentId != f)).Order(StringComparer.Ordinal))
        {
            if ((references.GetValueOrDefault(factor) ?? market.Reference(factor)) is { } reference && valuedAt(factor) is { } level)
            {
                inputs.Add(new HoldingInput(factor, reference.Currency, 0, level, 1.0, reference.Kind));
            }
        }

        return new PortfolioRisk(book.Value, gross, net, byAssetClass, tail.At95, tail.At975, tail.At99, tail.Ratios, tail.Scenarios, book.Positions.Count, without, inputs);
    }
}
