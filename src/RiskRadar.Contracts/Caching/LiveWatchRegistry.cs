using StackExchange.Redis;

namespace RiskRadar.Contracts.Caching;

/// <summary>
/// The portfolios somebody is watching live (a WebSocket with provisional figures, or a recent read of them): the
/// Api adds a portfolio with a lease as clients ask, the StreamProcessor reads the set and moves those books' figures
/// with every tick instead of only at each refresh. A sorted set scored by each lease's end (Unix ms), so a watcher
/// that went away without a word drops out when its lease ends.
/// </summary>
public sealed class LiveWatchRegistry(IConnectionMultiplexer redis, TimeProvider clock)
{
    /// <summary>How long a read of provisional figures keeps its portfolio watched; a live WebSocket renews it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>Watches the portfolio until <see cref="Lease"/> from now (or longer, when already leased longer).</summary>
    public async Task WatchAsync(string portfolioId)
    {
        ArgumentException.ThrowIfNullOrEmpty(portfolioId);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var database = redis.GetDatabase();
        var watch = database.SortedSetAddAsync(CacheKeys.LiveWatches, portfolioId, now + (long)Lease.TotalMilliseconds, SortedSetWhen.GreaterThan);
        // Expired leases are trimmed by the writer, so the reader's set stays as small as the watched books.
        var trim = database.SortedSetRemoveRangeByScoreAsync(CacheKeys.LiveWatches, double.NegativeInfinity, now, Exclude.Stop);
        await CacheCall.ReadAsync(watch);
        await CacheCall.ReadAsync(trim);
    }

    /// <summary>The portfolios whose lease has not ended.</summary>
    public async Task<IReadOnlySet<string>> ReadAsync()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var members = await CacheCall.ReadAsync(redis.GetDatabase().SortedSetRangeByScoreAsync(CacheKeys.LiveWatches, now, double.PositiveInfinity, Exclude.Start));
        return members.Select(m => (string)m!).ToHashSet(StringComparer.Ordinal);
    }
}
