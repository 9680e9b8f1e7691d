using RiskRadar.Analytics.Risk;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Api.Risk;

/// <summary>
/// Base-currency returns of the held instruments over their most recent common one-minute bars: the
/// <c>scenarios: "intraday"</c> option for short horizons. Built the way the streaming pipeline builds its scenarios
/// (returns of closed bars aligned on bar start; a foreign instrument's return compounded with its FX rate's return
/// of the same bar), so the two agree on the same history.
/// </summary>
public static class IntradayScenarios
{
    internal const string Usd = "USD";

    /// <summary>The FX pairs whose bars may be needed to convert <paramref name="currencies"/> into <paramref name="baseCurrency"/>.</summary>
    public static IEnumerable<string> CandidatePairs(IEnumerable<string> currencies, string baseCurrency) =>
        currencies.Where(c => c != baseCurrency).SelectMany(c => new[]
        {
            $"FX.{c}{baseCurrency}", $"FX.{baseCurrency}{c}", $"FX.{c}{Usd}", $"FX.{Usd}{c}", $"FX.{Usd}{baseCurrency}", $"FX.{baseCurrency}{Usd}",
        }).Distinct(StringComparer.Ordinal);

    public static BookScenarios Build(
        IReadOnlyList<(string InstrumentId, double Quantity)> positions,
        IReadOnlyDictionary<string, InstrumentReference> references,
        string baseCurrency,
        IReadOnlyDictionary<string, List<ScenarioBar>> bars,
        int lookback,
        int minScenarios)
    {
        var withoutHistory = new List<string>();
        var included = new List<ValuedPosition>();
        var series = new List<Dictionary<DateTimeOffset, double>>();
        var period = TimeSpan.Zero;
        DateTimeOffset? asOf = null;
        foreach (var (instrumentId, quantity) in positions)
        {
            if (!references.TryGetValue(instrumentId, out var reference)
                || !bars.TryGetValue(instrumentId, out var own) || own.Count == 0
                || Conversion(reference.Currency, baseCurrency, bars) is not { } fx)
            {
                withoutHistory.Add(instrumentId);
                continue;
            }

            var gross = new Dictionary<DateTimeOffset, double>();
            foreach (var bar in own)
            {
                if (bar.Return is { } r && fx.Gross(bar.Start) is { } fxGross)
                {
                    gross[bar.Start] = (1.0 + r) * fxGross;
                }
            }

            if (gross.Count < minScenarios)
            {
                withoutHistory.Add(instrumentId);
                continue;
            }

            var last = own[^1];
            period = last.End - last.Start;
            asOf = asOf is null || last.End > asOf ? last.End : asOf;
            included.Add(new ValuedPosition(instrumentId, reference.AssetClass, quantity, last.Close, fx.Rate, quantity * last.Close * fx.Rate, last.End, reference.Currency));
            series.Add(gross);
        }

        var common = CommonStarts(series, lookback);
        // A return matrix needs at least one row, whatever minimum the caller accepts (stress needs prices only).
        if (included.Count == 0 || common.Count < Math.Max(1, minScenarios))
        {
            return BookScenarios.Intraday(null, included, withoutHistory, period, asOf);
        }

        var values = new double[common.Count * included.Count];
        for (var t = 0; t < common.Count; t++)
        {
            for (var i = 0; i < included.Count; i++)
            {
                values[(t * included.Count) + i] = series[i][common[t]] - 1.0;
            }
        }

        return BookScenarios.Intraday(new ReturnMatrix([.. included.Select(p => p.InstrumentId)], common.Count, values), included, withoutHistory, period, asOf);
    }

    private static List<DateTimeOffset> CommonStarts(List<Dictionary<DateTimeOffset, double>> series, int lookback)
    {
        if (series.Count == 0)
        {
            return [];
        }

        var common = new HashSet<DateTimeOffset>(series[0].Keys);
        foreach (var s in series.Skip(1))
        {
            common.IntersectWith(s.Keys);
        }

        return [.. common.Order().TakeLast(lookback)];
    }

    private static FxPath? Conversion(string from, string to, IReadOnlyDictionary<string, List<ScenarioBar>> bars)
    {
        if (from == to)
        {
            return new FxPath([]);
        }

        if (Leg(from, to, bars) is { } direct)
        {
            return new FxPath([direct]);
        }

        return from != Usd && to != Usd && Leg(from, Usd, bars) is { } first && Leg(Usd, to, bars) is { } second
            ? new FxPath([first, second])
            : null;
    }

    private static (List<ScenarioBar> Bars, bool Inverse)? Leg(string from, string to, IReadOnlyDictionary<string, List<ScenarioBar>> bars) =>
        bars.TryGetValue($"FX.{from}{to}", out var direct) && direct.Count > 0 ? (direct, false)
        : bars.TryGetValue($"FX.{to}{from}", out var inverse) && inverse.Count > 0 ? (inverse, true)
        : null;

    /// <summary>Conversion through one or two FX pairs (quoted as QUOTE per BASE).</summary>
    private sealed class FxPath(IReadOnlyList<(List<ScenarioBar> Bars, bool Inverse)> legs)
    {
        private readonly IReadOnlyList<Dictionary<DateTimeOffset, double>> _gross = [.. legs.Select(l => l.Bars
            .Where(b => b.Return is not null)
            .ToDictionary(b => b.Start, b => l.Inverse ? 1.0 / (1.0 + b.Return!.Value) : 1.0 + b.Return!.Value))];

        public double Rate { get; } = legs.Aggregate(1.0, (rate, l) => rate * (l.Inverse ? 1.0 / l.Bars[^1].Close : l.Bars[^1].Close));

        public double? Gross(DateTimeOffset barStart)
        {
            var gross = 1.0;
            foreach (var leg in _gross)
            {
                if (!leg.TryGetValue(barStart, out var g))
                {
                    return null;
                }

                gross *= g;
            }

            return gross;
        }
    }
}
