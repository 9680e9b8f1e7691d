namespace RiskRadar.TimeSeries;

/// <summary>
/// The windows of one portfolio that ended in one time bucket, summarised. "Last" values are those of the latest
/// window in the bucket; the maxima and the average ignore windows where the measure was not computed (null when
/// none had it).
/// </summary>
public sealed record RiskHistoryBucket(
    DateTimeOffset BucketStart,
    int Count,
    double LastMarketValue,
    double LastPnl,
    double? MaxVar99,
    double? MaxEs975,
    double? AvgVolatility,
    DateTimeOffset LastWindowEnd);
