using System.Collections.Concurrent;
using RiskRadar.Ingestion.Feeds;

namespace RiskRadar.Ingestion.Tests.Support;

/// <summary>Keeps dead letters in memory so tests can assert on them without a broker.</summary>
public sealed class RecordingDeadLetterSink : IDeadLetterSink
{
    public ConcurrentQueue<DeadLetter> Letters { get; } = new();

    public void Publish(string? key, string payload, string code, string detail) => Letters.Enqueue(new DeadLetter(key, payload, code, detail));

    public sealed record DeadLetter(string? Key, string Payload, string Code, string Detail);
}
