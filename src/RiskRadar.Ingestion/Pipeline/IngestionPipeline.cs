using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskRadar.Ingestion.Feeds;
using RiskRadar.Ingestion.Instruments;
using RiskRadar.Ingestion.Publishing;
using RiskRadar.Ingestion.Validation;

namespace RiskRadar.Ingestion.Pipeline;

/// <summary>
/// Every enabled feed writes into the one bounded <see cref="TickChannel"/> (the push API does too); a single
/// consumer normalises, validates and publishes to <c>market.prices</c>, dead-lettering rejects. One consumer keeps
/// the validator's per-instrument state free of locks and the per-instrument order intact.
/// </summary>
public sealed class IngestionPipeline(
    IEnumerable<IPriceFeed> feeds,
    TickChannel channel,
    InstrumentMaster master,
    IOptions<ValidationOptions> validation,
    PriceTickPublisher publisher,
    IDeadLetterSink deadLetters,
    TimeProvider time,
    ILogger<IngestionPipeline> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var producers = feeds.Where(f => f.Enabled).Select(f => RunFeedAsync(f, stoppingToken)).ToList();
        logger.LogInformation("Ingestion pipeline started with feeds: {Feeds}", string.Join(", ", feeds.Where(f => f.Enabled).Select(f => f.Name)));

        // Feeds may fill the channel meanwhile; it waits for the master so that no tick is rejected as unknown early.
        await master.Loaded.WaitAsync(stoppingToken);
        var validator = new TickValidator(master, validation.Value, logger);
        await foreach (var raw in channel.Reader.ReadAllAsync(stoppingToken))
        {
            foreach (var (decided, verdict) in validator.Validate(raw, time.GetUtcNow()))
            {
                if (verdict.IsAccepted)
                {
                    publisher.Publish(verdict.Tick);
                }
                else
                {
                    deadLetters.Publish(decided.Instrument, JsonSerializer.Serialize(decided, FeedJsonContext.Default.RawTick), verdict.Rejection.Code, verdict.Rejection.Detail);
                }
            }
        }

        await Task.WhenAll(producers);
    }

    private async Task RunFeedAsync(IPriceFeed feed, CancellationToken cancellationToken)
    {
        // Off the caller's thread so that a feed that starts synchronously cannot hold up the others.
        await Task.Yield();
        try
        {
            await foreach (var tick in feed.ReadAsync(cancellationToken))
            {
                // Waits while the channel is full: back-pressure instead of unbounded buffering.
                await channel.Writer.WriteAsync(tick, cancellationToken);
            }

            logger.LogInformation("Feed {Feed} completed", feed.Name);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // One broken feed must not stop the others or the push API.
            logger.LogError(e, "Feed {Feed} failed and stopped", feed.Name);
        }
    }
}
