namespace RiskRadar.Ingestion.Feeds;

/// <summary>
/// A pull-style market-data adapter. The pipeline enumerates every enabled feed into one bounded channel, so a
/// feed is slowed down (back-pressure) rather than buffered without limit when publishing falls behind.
/// </summary>
public interface IPriceFeed
{
    string Name { get; }

    /// <summary>False when configuration switches the feed off; the pipeline then never enumerates it.</summary>
    bool Enabled { get; }

    IAsyncEnumerable<RawTick> ReadAsync(CancellationToken cancellationToken);
}
