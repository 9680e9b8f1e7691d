using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using StackExchange.Redis;

namespace RiskRadar.StreamProcessor.Sinks;

/// <summary>
/// Writes latest prices to Redis off the stream thread: a bounded channel gives back-pressure, and each
/// drained batch is coalesced per instrument so a burst costs one write per instrument, pipelined.
/// </summary>
public sealed class RedisLatestPriceSink(
    LatestPriceCache cache,
    IOptions<StreamProcessorOptions> options,
    ILogger<RedisLatestPriceSink> logger) : BackgroundService, ILatestPriceSink
{
    private readonly Channel<PriceTick> _pending = Channel.CreateBounded<PriceTick>(new BoundedChannelOptions(options.Value.SinkQueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public void Publish(PriceTick tick)
    {
        while (!_pending.Writer.TryWrite(tick))
        {
            // Blocking the stream thread is the point: it slows consumption instead of buffering without bound.
            if (!_pending.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
            {
                throw new InvalidOperationException("The latest-price sink has stopped.");
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new Dictionary<string, PriceTick>(StringComparer.Ordinal);
        while (await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < options.Value.SinkBatchSize && _pending.Reader.TryRead(out var tick))
            {
                batch[tick.InstrumentId] = batch.TryGetValue(tick.InstrumentId, out var seen) ? NewestTick.Of(seen, tick) : tick;
            }

            try
            {
                await cache.WriteAsync(batch.Values);
            }
            catch (RedisException ex)
            {
                // The table in Kafka still holds these prices; the next tick per instrument rewrites the cache.
                logger.LogWarning(ex, "Writing {Count} latest prices to Redis failed", batch.Count);
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
