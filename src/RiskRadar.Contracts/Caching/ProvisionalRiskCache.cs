using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using StackExchange.Redis;

namespace RiskRadar.Contracts.Caching;

/// <summary>
/// The latest provisional risk of each portfolio in Redis, and the live channel that carries every new one: the
/// StreamProcessor writes through this class, the Api reads through it. A separate channel from the window
/// aggregates', so a client that wants only final figures never receives provisional ones.
/// </summary>
/// <remarks>
/// A value expires after <see cref="Lifetime"/>: a processor that stopped leaves no figure that looks current.
/// One book task owns a portfolio at a time and writes its figures in order, so a plain SET keeps the newest.
/// </remarks>
public sealed class ProvisionalRiskCache(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Stores and publishes each figure.</summary>
    public Task WriteAsync(IReadOnlyCollection<ProvisionalRisk> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var database = redis.GetDatabase();
        var writes = new List<Task>(figures.Count * 2);
        foreach (var figure in figures)
        {
            var json = EventSerializers.ProvisionalRisk.Serialize(figure, default);
            writes.Add(database.StringSetAsync(CacheKeys.ProvisionalRisk(figure.PortfolioId), json, Lifetime));
            writes.Add(database.PublishAsync(Channel(figure.PortfolioId), json));
        }

        return Task.WhenAll(writes);
    }

    /// <summary>The newest provisional figure of the portfolio, or null when none was computed recently.</summary>
    public async Task<ProvisionalRisk?> ReadAsync(string portfolioId)
    {
        var stored = await CacheCall.ReadAsync(redis.GetDatabase().StringGetAsync(CacheKeys.ProvisionalRisk(portfolioId)));
        return stored.IsNullOrEmpty ? null : EventSerializers.ProvisionalRisk.Deserialize(((ReadOnlyMemory<byte>)stored).Span, isNull: false, default);
    }

    /// <summary>
    /// Calls <paramref name="onUpdate"/> with the JSON of each provisional figure of the portfolio published from now
    /// on (on Redis's thread: hand it over, do not block). Dispose the returned subscription to stop.
    /// </summary>
    public Task<IAsyncDisposable> SubscribeAsync(string portfolioId, Action<byte[]> onUpdate) =>
        ChannelSubscription.StartAsync(redis, Channel(portfolioId), onUpdate);

    private static RedisChannel Channel(string portfolioId) => RedisChannel.Literal(CacheKeys.ProvisionalChannel(portfolioId));
}
