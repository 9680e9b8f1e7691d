using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using StackExchange.Redis;

namespace RiskRadar.Contracts.Caching;

/// <summary>
/// The latest price of each instrument in Redis, as <c>PriceTick</c> JSON: the StreamProcessor writes through this
/// class and the Api reads through it.
/// </summary>
public sealed class LatestPriceCache(IConnectionMultiplexer redis)
{
    /// <summary>Stores the ticks, pipelined; the caller passes at most one tick per instrument (the newest).</summary>
    public Task WriteAsync(IReadOnlyCollection<PriceTick> ticks)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        var database = redis.GetDatabase();
        var writes = new List<Task>(ticks.Count);
        foreach (var tick in ticks)
        {
            writes.Add(database.StringSetAsync(CacheKeys.LatestPrice(tick.InstrumentId), EventSerializers.PriceTick.Serialize(tick, default)));
        }

        return Task.WhenAll(writes);
    }

    /// <summary>The instrument's latest price, or null when none has been seen.</summary>
    public async Task<PriceTick?> ReadAsync(string instrumentId)
    {
        var stored = await redis.GetDatabase().StringGetAsync(CacheKeys.LatestPrice(instrumentId));
        return stored.IsNullOrEmpty ? null : EventSerializers.PriceTick.Deserialize(((ReadOnlyMemory<byte>)stored).Span, isNull: false, default);
    }
}
