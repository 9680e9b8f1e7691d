using Microsoft.Extensions.Options;
using RiskRadar.Ingestion.Publishing;

namespace RiskRadar.Ingestion.Instruments;

/// <summary>
/// Loads the instrument master at start and publishes every record to <c>reference.instruments</c>. Retries while
/// PostgreSQL is not reachable yet (services start in parallel with their dependencies) instead of failing the host.
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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var lookup = await master.LoadAsync(seed, stoppingToken);
                await publisher.PublishAsync(lookup.All, stoppingToken);
                logger.LogInformation("Instrument master loaded: {Count} instruments ({Seed} from {SeedFile}), published to reference.instruments", lookup.Count, seed.Count, seedPath);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Loading the instrument master failed; retrying in {Delay}", RetryDelay);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }
}
