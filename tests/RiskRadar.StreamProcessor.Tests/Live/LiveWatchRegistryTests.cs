using Microsoft.Extensions.Time.Testing;
using RiskRadar.Contracts.Caching;

namespace RiskRadar.StreamProcessor.Tests.Live;

/// <summary>The watched set as the Api writes it and the StreamProcessor reads it, on a real Redis.</summary>
public sealed class LiveWatchRegistryTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task A_watch_lasts_its_lease_is_renewed_by_watching_again_and_ends_by_itself()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var registry = new LiveWatchRegistry(redis.Redis, clock);
        var (a, b) = ("W-" + Guid.NewGuid().ToString("N"), "W-" + Guid.NewGuid().ToString("N"));

        await registry.WatchAsync(a);
        clock.Advance(LiveWatchRegistry.Lease / 2);
        await registry.WatchAsync(b);
        Assert.Superset(new HashSet<string> { a, b }, (await registry.ReadAsync()).ToHashSet());

        clock.Advance(LiveWatchRegistry.Lease / 2 + TimeSpan.FromSeconds(1));
        var watched = await registry.ReadAsync();
        Assert.DoesNotContain(a, watched);
        Assert.Contains(b, watched);

        await registry.WatchAsync(a); // watched again: a new lease
        clock.Advance(LiveWatchRegistry.Lease - TimeSpan.FromSeconds(2));
        watched = await registry.ReadAsync();
        Assert.Contains(a, watched);
        Assert.DoesNotContain(b, watched);
    }
}
