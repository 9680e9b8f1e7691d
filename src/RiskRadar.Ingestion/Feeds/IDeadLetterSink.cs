namespace RiskRadar.Ingestion.Feeds;

/// <summary>Where input that cannot become a tick goes, with a short reason code, so nothing is dropped silently.</summary>
public interface IDeadLetterSink
{
    /// <param name="key">Instrument as given, when known; the record key on the dead-letter topic.</param>
    /// <param name="payload">The original input (a JSON tick or the raw line).</param>
    /// <param name="code">Short reason code, e.g. <c>stale</c>, <c>malformed</c>.</param>
    /// <param name="detail">Human-readable detail.</param>
    void Publish(string? key, string payload, string code, string detail);
}
