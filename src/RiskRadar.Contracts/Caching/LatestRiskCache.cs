using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using StackExchange.Redis;

namespace RiskRadar.Contracts.Caching;

/// <summary>
/// The latest risk aggregate of each portfolio and window kind in Redis, and the live channel that carries every new
/// one: the StreamProcessor writes through this class, the Api reads through it, so the stored format lives here only.
/// </summary>
/// <remarks>
/// A value is <c>&lt;window end, Unix ms&gt;|&lt;aggregate JSON&gt;</c>: the prefix lets one server-side script keep
/// the newest window when aggregates are redelivered out of order, without a read-modify-write race between writers.
/// </remarks>
public sealed class LatestRiskCache(IConnectionMultiplexer redis)
{
    private const char Separator = '|';

    // KEYS[1] = latest key; ARGV[1] = window end (ms), ARGV[2] = JSON. Stores "<end>|<json>" when newer or equal.
    private const string SetIfNewer = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local sep = string.find(current, '|', 1, true)
          if sep and tonumber(string.sub(current, 1, sep - 1)) > tonumber(ARGV[1]) then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2])
        return 1
        """;

    /// <summary>Stores each aggregate unless a newer window of its portfolio is stored, and publishes every one.</summary>
    public Task WriteAsync(IReadOnlyCollection<RiskAggregate> aggregates)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        var database = redis.GetDatabase();
        var writes = new List<Task>(aggregates.Count * 2);
        foreach (var aggregate in aggregates)
        {
            // The inputs are for explaining a stored window (the history keeps them), not for every live reader.
            var json = EventSerializers.RiskAggregate.Serialize(aggregate with { Inputs = null }, default);
            var end = aggregate.WindowEnd.ToUnixTimeMilliseconds();
            writes.Add(database.ScriptEvaluateAsync(SetIfNewer, [CacheKeys.LatestRisk(aggregate.PortfolioId, aggregate.Window)], [end, json]));
            writes.Add(database.PublishAsync(Channel(aggregate.PortfolioId), json));
        }

        return Task.WhenAll(writes);
    }

    /// <summary>The newest stored aggregate of the portfolio's window kind, or null before the first has closed.</summary>
    public async Task<RiskAggregate?> ReadAsync(string portfolioId, string window)
    {
        var stored = await CacheCall.ReadAsync(redis.GetDatabase().StringGetAsync(CacheKeys.LatestRisk(portfolioId, window)));
        return Decode(stored);
    }

    /// <summary>
    /// Calls <paramref name="onUpdate"/> with the JSON of each aggregate of the portfolio published from now on, as it
    /// arrives (on Redis's thread: hand it over, do not block). Dispose the returned subscription to stop.
    /// </summary>
    public Task<IAsyncDisposable> SubscribeAsync(string portfolioId, Action<byte[]> onUpdate) =>
        ChannelSubscription.StartAsync(redis, Channel(portfolioId), onUpdate);

    internal static RiskAggregate? Decode(RedisValue stored)
    {
        if (stored.IsNullOrEmpty)
        {
            return null;
        }

        var bytes = (ReadOnlyMemory<byte>)stored;
        var separator = bytes.Span.IndexOf((byte)Separator);
        if (separator < 0)
        {
            throw new InvalidEventException("The cached risk aggregate has no window-end prefix.");
        }

        return EventSerializers.RiskAggregate.Deserialize(bytes.Span[(separator + 1)..], isNull: false, default);
    }

    private static RedisChannel Channel(string portfolioId) => RedisChannel.Literal(CacheKeys.RiskChannel(portfolioId));
}
