using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Instruments;
using RiskRadar.Ingestion.Feeds;
using RiskRadar.Ingestion.History;
using RiskRadar.Ingestion.Instruments;

namespace RiskRadar.Ingestion.Simulation;

/// <summary>Runs the simulator in real time (scaled) and yields one tick per instrument each round.</summary>
public sealed class SimulatorFeed(
    IOptions<SimulatorOptions> options,
    IHostEnvironment environment,
    MarketStart start,
    TimeProvider time,
    ILogger<SimulatorFeed> logger) : IPriceFeed
{
    public const string SourceName = "simulator";

    public string Name => SourceName;

    public bool Enabled => options.Value.Enabled;

    public async IAsyncEnumerable<RawTick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var closes = await start.Prices.WaitAsync(cancellationToken);
        var universe = InstrumentUniverse.Load(Path.Combine(environment.ContentRootPath, settings.UniverseFile))
            .Select(i => closes.TryGetValue(i.Id, out var close) ? i with { Price = close } : i)
            .ToList();
        var simulator = new CorrelatedGbmSimulator(universe, settings.Seed, regimes: settings.Regimes, jumps: settings.Jumps);
        var dtYears = settings.TickInterval.TotalSeconds * settings.TimeScale / CorrelatedGbmSimulator.SecondsPerYear;
        logger.LogInformation(
            "Simulating {Count} instruments every {Interval} from {Continued} last daily closes (seed {Seed}, time scale {Scale}, regimes {Regimes}, jumps {Jumps})",
            universe.Count, settings.TickInterval, closes.Count, settings.Seed, settings.TimeScale, settings.Regimes.Enabled, settings.Jumps.Enabled);

        long sequence = 0;
        var stressed = false;
        using var timer = new PeriodicTimer(settings.TickInterval, time);
        do
        {
            sequence++;
            var now = time.GetUtcNow();
            for (var i = 0; i < simulator.Instruments.Count; i++)
            {
                yield return new RawTick(simulator.Instruments[i].Id, Quote(simulator.Instruments[i], simulator.Prices[i]), now, sequence, SourceName);
            }

            simulator.Step(dtYears);
            if (simulator.Stressed != stressed)
            {
                stressed = simulator.Stressed;
                logger.LogInformation("Simulated market regime is now {Regime}", stressed ? "stressed" : "calm");
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>What a feed would send: a curve pillar as its zero rate, anything else as its price (before scaling).</summary>
    internal static double Quote(InstrumentDefinition instrument, double level) =>
        instrument.Rate is { } rate ? ZeroCouponQuotes.Rate(level, Tenors.Years(rate.Tenor)) / instrument.PriceScale : level;
}
