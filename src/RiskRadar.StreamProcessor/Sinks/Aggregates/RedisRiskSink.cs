using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using StackExchange.Redis;

namespace RiskRadar.StreamProcessor.Sinks.Aggregates;

/// <summary>
/// Latest aggregate per portfolio and window kind in Redis, and a pub/sub message per aggregate for live push.
/// An older aggregate (redelivered) never replaces a newer one: the write is conditional on the window end.
/// </summary>
public sealed class RedisRiskSink(IConnectionMultiplexer redis) : IRiskResultSink
{
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

    public int Order => 10;

    public async Task WriteAsync(IReadOnlyList<RiskAggregate> aggregates, IReadOnlyList<InstrumentBar> bars, CancellationToken cancellationToken)
    {
        if (aggregates.Count == 0)
        {
            return;
        }

        var database = redis.GetDatabase();
        var writes = new List<Task>(aggregates.Count * 2);
        foreach (var aggregate in aggregates)
        {
            var json = EventSerializers.RiskAggregate.Serialize(aggregate, default);
            var end = aggregate.WindowEnd.ToUnixTimeMilliseconds();
            writes.Add(database.ScriptEvaluateAsync(SetIfNewer, [CacheKeys.LatestRisk(aggregate.PortfolioId, aggregate.Window)], [end, json]));
            writes.Add(database.PublishAsync(RedisChannel.Literal(CacheKeys.RiskChannel(aggregate.PortfolioId)), json));
        }

        await Task.WhenAll(writes).WaitAsync(cancellationToken);
    }

    /// <summary>Reads a value written by this sink back into the aggregate JSON.</summary>
    public static string? JsonOf(RedisValue stored)
    {
        if (stored.IsNullOrEmpty)
        {
            return null;
        }

        var text = stored.ToString();
        var separator = text.IndexOf('|', StringComparison.Ordinal);
        return separator < 0 ? text : text[(separator + 1)..];
    }
}
