using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Events;
using RiskRadar.Ingestion.Instruments;
using RiskRadar.Ingestion.Publishing;

namespace RiskRadar.Ingestion.Simulation;

/// <summary>Runs the simulator in real time (scaled) and publishes one tick per instrument each round.</summary>
public sealed class SimulatorFeed(
    IOptions<SimulatorOptions> options,
    IHostEnvironment environment,
    PriceTickPublisher publisher,
    TimeProvider time,
    ILogger<SimulatorFeed> logger) : BackgroundService
{
    public const string SourceName = "simulator";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Market simulator disabled");
            return;
        }

        var universe = InstrumentUniverse.Load(Path.Combine(environment.ContentRootPath, settings.UniverseFile));
        var simulator = new CorrelatedGbmSimulator(universe, settings.Seed);
        var dtYears = settings.TickInterval.TotalSeconds * settings.TimeScale / CorrelatedGbmSimulator.SecondsPerYear;
        logger.LogInformation("Simulating {Count} instruments every {Interval} (seed {Seed}, time scale {Scale})", universe.Count, settings.TickInterval, settings.Seed, settings.TimeScale);

        long sequence = 0;
        using var timer = new PeriodicTimer(settings.TickInterval, time);
        do
        {
            sequence++;
            var now = time.GetUtcNow();
            var prices = simulator.Prices;
            for (var i = 0; i < prices.Length; i++)
            {
                publisher.Publish(new PriceTick(simulator.Instruments[i].Id, prices[i], now, sequence, SourceName));
            }

            simulator.Step(dtYears);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
