namespace RiskRadar.Ingestion.Push;

/// <summary>
/// Response of a push: ticks queued for publishing, and ticks dead-lettered at once (unknown instrument, bad price,
/// stale or future time). Queued ticks can still be dead-lettered later as duplicates, out of order or outliers.
/// </summary>
public sealed record PushResult(int Accepted, int Rejected);
