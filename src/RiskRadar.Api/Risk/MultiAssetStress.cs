using RiskRadar.Analytics.Scenarios;
using RiskRadar.Analytics.Stress;
using RiskRadar.Contracts.Events;
using RiskRadar.TimeSeries.Books;

namespace RiskRadar.Api.Risk;

/// <summary>
/// Stress scenarios of a book holding options, futures or bonds, written as moves of its risk factors and fully
/// revalued (<see cref="MultiAssetScenarioBook.Revalue(FactorReturns, int)"/>): hypothetical shocks of prices,
/// currencies, volatility surfaces and curves, a historical period's compounded moves, or its worst run of days.
/// </summary>
public static class MultiAssetStress
{
    public static StressScenarioResult Run(
        StressDefinition definition, MultiAssetScenarioBook book, IReadOnlyDictionary<string, InstrumentReference> references)
    {
        var set = book.Set;
        List<BookInstrument> factors = [.. book.Factors.Select(id => new BookInstrument(id, set.IndexOf(id), []))];
        switch (definition)
        {
            case ShockDefinition shocks:
                var moves = Shocked(shocks, book, references);
                return Result(definition.Name, book, book.Revalue(id => moves.TryGetValue(id, out var r) ? r : [], 1), 0);
            case PeriodDefinition period:
                if (HistoricalMoves.Between(set, factors, period.From, period.To) is not { } between)
                {
                    return new StressScenarioResult(definition.Name, 0, [], InstrumentsWithoutHistory: [.. book.Positions.Select(p => p.InstrumentId)]);
                }

                var without = factors.Where((_, k) => double.IsNaN(between.Moves[k])).Select(f => f.InstrumentId).ToList();
                var result = Result(definition.Name, book, book.Revalue(Historical([between], factors, set.Kind), 1), 0);
                return result with { From = between.From, To = between.To, InstrumentsWithoutHistory = without };
            case WorstDaysDefinition worst:
                var windows = HistoricalMoves.Windows(set, factors, worst.Days);
                if (windows.Count == 0)
                {
                    return new StressScenarioResult(definition.Name, 0, [], InstrumentsWithoutHistory: [.. book.Positions.Select(p => p.InstrumentId)]);
                }

                var all = book.Revalue(Historical(windows, factors, set.Kind), windows.Count);
                var at = 0;
                for (var w = 1; w < windows.Count; w++)
                {
                    at = all.Total[w] < all.Total[at] ? w : at; // the earliest on a tie
                }

                return Result(definition.Name, book, all, at) with { From = windows[at].From, To = windows[at].To, InstrumentsWithoutHistory = [] };
            default:
                throw new ArgumentOutOfRangeException(nameof(definition));
        }
    }

    /// <summary>
    /// One scenario's factor returns: an underlying moves by its instrument's price shock, else its asset class's (an
    /// absolute one in the base currency, like the spot path); an FX pair converting a currency by the currency
    /// shocks of its two sides; a surface node by its underlying's volatility shock (else the one for all); a pillar
    /// by the sum of the curve shocks that apply to it, as the zero-coupon price return of that rate change.
    /// </summary>
    private static Dictionary<string, double[]> Shocked(ShockDefinition shocks, MultiAssetScenarioBook book, IReadOnlyDictionary<string, InstrumentReference> references)
    {
        var simple = new Dictionary<string, double>(StringComparer.Ordinal);
        var byKey = shocks.PriceShocks.ToDictionary(s => (s.Target, s.Name));
        foreach (var (id, spot) in book.Underlyings)
        {
            var reference = references[id];
            if (byKey.TryGetValue((ShockTarget.Instrument, id), out var shock) || byKey.TryGetValue((ShockTarget.AssetClass, reference.AssetClass), out shock))
            {
                var fx = book.Positions.FirstOrDefault(p => p.Currency == reference.Currency)?.FxRate ?? 1.0;
                simple[id] = shock.Kind == ShockKind.Relative ? shock.Size : shock.Size / (spot * fx);
            }
        }

        var currencies = shocks.CurrencyShocks.ToDictionary(c => c.Currency, c => c.Size, StringComparer.Ordinal);
        foreach (var pair in book.FxPairs.Where(p => p.Length == 9))
        {
            var gross = (1.0 + currencies.GetValueOrDefault(pair[3..6])) / (1.0 + currencies.GetValueOrDefault(pair[6..9]));
            simple[pair] = ((1.0 + simple.GetValueOrDefault(pair)) * gross) - 1.0;
        }

        foreach (var (node, level) in book.VolatilityNodes)
        {
            var underlying = references[node].Volatility!.Underlying;
            if ((shocks.VolatilityShocks.FirstOrDefault(v => v.Underlying == underlying) ?? shocks.VolatilityShocks.FirstOrDefault(v => v.Applies(underlying))) is { } shock)
            {
                simple[node] = shock.Kind == ShockKind.Relative ? shock.Size : shock.Size / level;
            }
        }

        foreach (var (curve, pillars) in book.Curves)
        {
            var applying = shocks.CurveShocks.Where(c => c.Applies(curve)).ToList();
            foreach (var (id, tenor, years) in applying.Count == 0 ? [] : pillars)
            {
                var move = applying.Sum(c => c.RateMove(years, tenor, pillars[0].Years, pillars[^1].Years));
                simple[id] = Math.Exp(-move * years) - 1.0;
            }
        }

        var log = book.Set.Kind == ReturnKind.Log;
        return simple.ToDictionary(kv => kv.Key, kv => new[] { log ? Math.Log(1.0 + kv.Value) : kv.Value }, StringComparer.Ordinal);
    }

    /// <summary>The periods' compounded moves as factor returns (a log set's as logs), a factor without history there not moving.</summary>
    private static FactorReturns Historical(IReadOnlyList<HistoricalPeriod> periods, List<BookInstrument> factors, ReturnKind kind)
    {
        var rows = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var k = 0; k < factors.Count; k++)
        {
            var row = new double[periods.Count];
            for (var w = 0; w < periods.Count; w++)
            {
                var move = periods[w].Moves[k];
                row[w] = double.IsNaN(move) ? 0.0 : kind == ReturnKind.Log ? Math.Log(1.0 + move) : move;
            }

            rows[factors[k].InstrumentId] = row;
        }

        return id => rows.TryGetValue(id, out var row) ? row : [];
    }

    private static StressScenarioResult Result(string name, MultiAssetScenarioBook book, FactorRevaluation revaluation, int scenario) =>
        new(name, revaluation.Total[scenario], [.. book.Positions.Select((p, i) => new StressPositionResult(
            p.InstrumentId, p.Value, p.Quantity == 0 ? 0 : revaluation.ByPosition[i][scenario] / p.Quantity, revaluation.ByPosition[i][scenario]))]);
}
