using System.Threading.Channels;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using StackExchange.Redis;

namespace RiskRadar.StreamProcessor.Sinks;

/// <summary>
/// Writes provisional figures to Redis off the stream thread. Unlike final aggregates they are never worth waiting
/// for: when Redis falls behind, the oldest queued batches are dropped, and each drained set keeps only the newest
/// figure per portfolio.
/// </summary>
public sealed class RedisProvisionalRiskSink(ProvisionalRiskCache cache, ILogger<RedisProvisionalRiskSink> logger) : BackgroundService, IProvisionalRiskSink
{
    private const int QueuedBatches = 64;

    private readonly Channel<IReadOnlyList<ProvisionalRisk>> _pending = Channel.CreateBounded<IReadOnlyList<ProvisionalRisk>>(
        new BoundedChannelOptions(QueuedBatches) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    public void Publish(IReadOnlyList<ProvisionalRisk> figures)
    {
        if (figures.Count > 0)
        {
            _pending.Writer.TryWrite(figures);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var newest = new Dictionary<string, ProvisionalRisk>(StringComparer.Ordinal);
        while (await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            newest.Clear();
            while (_pending.Reader.TryRead(out var batch))
            {
                foreach (var figure in batch)
                {
                    newest[figure.PortfolioId] = figure;
                }
            }

            try
            {
                await cache.WriteAsync(newest.Values);
            }
            catch (RedisException ex)
            {
                logger.LogWarning(ex, "Writing {Count} provisional risk figures to Redis failed; the next refresh writes them again", newest.Count);
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
