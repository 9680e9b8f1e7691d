using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Instruments;
using RiskRadar.Data.Instruments;

namespace RiskRadar.Api.Market;

/// <summary>
/// Curves and volatility surfaces as they stand: the master's pillars and nodes with the newest level of each, a live
/// tick from the cache when there is one, else the last daily close of the current scenario set. A pillar's level
/// is its zero-coupon price and is turned back into the zero rate here (<see cref="ZeroCouponQuotes"/>).
/// </summary>
public sealed class MarketFactors(InstrumentMasterStore master, LatestPriceCache prices, ICurrentScenarioSet sets)
{
    public const string Live = "live";
    public const string Close = "close";

    public async Task<CurveResponse?> CurveAsync(string currency, CancellationToken cancellationToken) =>
        await LevelledAsync(InstrumentKinds.Rate, i => i.Rate?.Curve == currency, i => i.Rate!.Tenor, _ => 0, cancellationToken) is { } pillars
            ? new CurveResponse(currency, [.. pillars.Select(p => new CurvePillar(
                p.Instrument.InstrumentId, p.Instrument.Rate!.Tenor, p.Years, ZeroCouponQuotes.Rate(p.Level, p.Years), p.Level / 100.0, p.AsOf, p.Source))])
            : null;

    public async Task<VolatilitySurfaceResponse?> SurfaceAsync(string underlying, CancellationToken cancellationToken) =>
        await LevelledAsync(InstrumentKinds.Volatility, i => i.Volatility?.Underlying == underlying, i => i.Volatility!.Tenor, i => i.Volatility!.Moneyness, cancellationToken) is { } nodes
            ? new VolatilitySurfaceResponse(underlying, [.. nodes.Select(n => new VolatilityNode(
                n.Instrument.InstrumentId, n.Instrument.Volatility!.Tenor, n.Years, n.Instrument.Volatility.Moneyness, n.Level, n.AsOf, n.Source))])
            : null;

    /// <summary>The factors of <paramref name="kind"/> <paramref name="select"/> picks that have a level, by tenor then <paramref name="then"/>; null when it picks none.</summary>
    private async Task<List<Levelled>?> LevelledAsync(
        string kind, Func<InstrumentReference, bool> select, Func<InstrumentReference, string> tenor, Func<InstrumentReference, double> then, CancellationToken cancellationToken)
    {
        var factors = (await master.ReadKindAsync(kind, cancellationToken)).Where(select).ToList();
        if (factors.Count == 0)
        {
            return null;
        }

        var levels = await LevelsAsync([.. factors.Select(f => f.InstrumentId)]);
        return [.. factors
            .Where(f => levels.ContainsKey(f.InstrumentId))
            .Select(f => (Factor: f, Level: levels[f.InstrumentId]))
            .Select(x => new Levelled(x.Factor, Tenors.Years(tenor(x.Factor)), x.Level.Level, x.Level.AsOf, x.Level.Source))
            .OrderBy(l => l.Years).ThenBy(l => then(l.Instrument))];
    }

    private async Task<Dictionary<string, (double Level, DateTimeOffset AsOf, string Source)>> LevelsAsync(IReadOnlyList<string> ids)
    {
        var live = await prices.ReadManyAsync(ids);
        var set = sets.Current;
        var levels = new Dictionary<string, (double, DateTimeOffset, string)>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (live.TryGetValue(id, out var tick))
            {
                levels[id] = (tick.Price, tick.Timestamp, Live);
            }
            else if (set?.IndexOf(id) is >= 0 and var column && set.LastClose(column) is var (close, day) && double.IsFinite(close))
            {
                levels[id] = (close, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Close);
            }
        }

        return levels;
    }

    private sealed record Levelled(InstrumentReference Instrument, double Years, double Level, DateTimeOffset AsOf, string Source);
}
