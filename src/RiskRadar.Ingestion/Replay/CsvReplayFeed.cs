using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using RiskRadar.Ingestion.Feeds;
using RiskRadar.Ingestion.Validation;

namespace RiskRadar.Ingestion.Replay;

/// <summary>
/// Replays a CSV file of ticks, sleeping by the gaps between timestamps divided by the speed (none at "max").
/// Each row is due at start + (t − t₀)/speed rather than after the previous sleep, so slow consumers do not make
/// the replay drift. Unreadable rows go to the dead-letter sink and the replay goes on.
/// </summary>
public sealed class CsvReplayFeed(
    IOptions<ReplayOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    IDeadLetterSink deadLetters,
    ILogger<CsvReplayFeed> logger) : IPriceFeed
{
    public const string SourceName = "replay";

    public string Name => SourceName;

    public bool Enabled => options.Value.Enabled;

    public async IAsyncEnumerable<RawTick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var path = Path.Combine(environment.ContentRootPath, settings.Path ?? throw new InvalidOperationException("No replay path configured."));
        var speed = settings.GetSpeedFactor();
        logger.LogInformation("Replaying {Path} at speed {Speed}", path, speed == 0 ? "max" : speed);

        using var reader = new StreamReader(path);
        DateTimeOffset? firstTimestamp = null;
        var start = time.GetUtcNow();
        long rows = 0, bad = 0;
        await foreach (var row in CsvTickReader.ReadAsync(reader, path, cancellationToken))
        {
            if (row.Error is not null)
            {
                bad++;
                deadLetters.Publish(row.Instrument, row.Text, RejectionCodes.Malformed, row.Error);
                continue;
            }

            firstTimestamp ??= row.Timestamp;
            if (speed > 0)
            {
                var due = start + ((row.Timestamp - firstTimestamp.Value) / speed);
                var wait = due - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }
            }

            rows++;
            var timestamp = settings.RebaseTimestamps ? time.GetUtcNow() : row.Timestamp;
            yield return new RawTick(row.Instrument!, row.Price, timestamp, row.Sequence, SourceName);
        }

        logger.LogInformation("Replay of {Path} finished: {Rows} ticks, {Bad} unreadable rows dead-lettered", path, rows, bad);
    }
}
