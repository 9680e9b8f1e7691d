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
        var stored = await CacheCall.ReadAsync(redis.GetDatabase().StringGetAsync(CacheKeys.LatestPrice(instrumentId)));
        return stored.IsNullOrEmpty ? null : EventSerializers.PriceTick.Deserialize(((ReadOnlyMemory<byte>)stored).Span, isNull: false, default);
    }

    /// <summary>The latest prices of those of <paramref name="instrumentIds"/> that have one, in one round trip.</summary>
    public async Task<Dictionary<string, PriceTick>> ReadManyAsync(IReadOnlyList<string> instrumentIds)
    {
        ArgumentNullException.ThrowIfNull(instrumentIds);
        var prices = new Dictionary<string, PriceTick>(instrumentIds.Count, StringComparer.Ordinal);
        if (instrumentIds.Count == 0)
        {
            return prices;
        }

        var stored = await CacheCall.ReadAsync(redis.GetDatabase().StringGetAsync([.. instrumentIds.Select(id => (RedisKey)CacheKeys.LatestPrice(id))]));
        for (var i = 0; i < stored.Length; i++)
        {
            if (!stored[i].IsNullOrEmpty)
            {
                prices[instrumentIds[i]] = EventSerializers.PriceTick.Deserialize(((ReadOnlyMemory<byte>)stored[i]).Span, isNull: false, default);
            }
        }

        return prices;
    }
}
