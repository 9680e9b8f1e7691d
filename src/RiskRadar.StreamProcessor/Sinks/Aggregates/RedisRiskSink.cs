using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Sinks.Aggregates;

/// <summary>
/// Latest aggregate per portfolio and window kind in Redis, and a pub/sub message per aggregate for live push.
/// An older aggregate (redelivered) never replaces a newer one (<see cref="LatestRiskCache"/>).
/// </summary>
public sealed class RedisRiskSink(LatestRiskCache cache) : IRiskResultSink
{
    public int Order => 10;

    public async Task WriteAsync(IReadOnlyList<RiskAggregate> aggregates, IReadOnlyList<InstrumentBar> bars, CancellationToken cancellationToken)
    {
        if (aggregates.Count > 0)
        {
            await cache.WriteAsync(aggregates).WaitAsync(cancellationToken);
        }
    }
}
