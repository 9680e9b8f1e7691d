using Microsoft.Extensions.Options;
using RiskRadar.Ingestion.Publishing;

namespace RiskRadar.Ingestion.Instruments;

/// <summary>
/// Loads the instrument master at start and publishes every record to <c>reference.instruments</c>, then reads the
/// table again every <see cref="InstrumentMasterOptions.RefreshInterval"/> and publishes the records that are new or
/// changed (the only writer of the topic). Retries while PostgreSQL is not reachable yet (services start in parallel
/// with their dependencies) instead of failing the host.
/// </summary>
public sealed class InstrumentMasterLoader(
    InstrumentMaster master,
    InstrumentReferencePublisher publisher,
    IOptions<InstrumentMasterOptions> options,
    IHostEnvironment environment,
    ILogger<InstrumentMasterLoader> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seedPath = Path.Combine(environment.ContentRootPath, options.Value.SeedFile);
        var seed = InstrumentMaster.ToReferences(InstrumentUniverse.Load(seedPath));
        InstrumentLookup? published = null;
        while (published is null && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                var lookup = await master.LoadAsync(seed, stoppingToken);
                await publisher.PublishAsync(lookup.All, stoppingToken);
                logger.LogInformation("Instrument master loaded: {Count} instruments ({Seed} from {SeedFile}), published to reference.instruments", lookup.Count, seed.Count, seedPath);
                published = lookup;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Loading the instrument master failed; retrying in {Delay}", RetryDelay);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }

        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (published is not null && await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var lookup = await master.RefreshAsync(stoppingToken);
                var changed = lookup.All.Where(i => !published.TryResolve(i.InstrumentId, out var before) || before != i).ToList();
                if (changed.Count > 0)
                {
                    await publisher.PublishAsync(changed, stoppingToken);
                    logger.LogInformation("Instrument master: {Count} new or changed instruments published ({Ids})", changed.Count, string.Join(", ", changed.Take(10).Select(i => i.InstrumentId)));
                }

                published = lookup;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Refreshing the instrument master failed; trying again in {Interval}", options.Value.RefreshInterval);
            }
        }
    }
}
