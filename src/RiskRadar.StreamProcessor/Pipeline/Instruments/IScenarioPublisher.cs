namespace RiskRadar.StreamProcessor.Pipeline.Instruments;

/// <summary>
/// Where the instrument processor's scenario histories go: the compacted topic behind the <c>instrument-scenarios</c>
/// global table.
/// </summary>
/// <remarks>
/// Deliberately outside the topology's exactly-once transactions. Streamiz 1.8.2 restores a global table until the
/// last restored record's offset reaches the partition's end offset; a transactionally written topic always ends with
/// a commit marker that is never returned as a record, so a restarted processor stayed in REBALANCING forever (the bug
/// Kafka Streams fixed as KAFKA-12951). A history is the whole state of one instrument, keyed by it and deterministic
/// from committed state, so writing it at least once (again after a crash) is equivalent to writing it exactly once.
/// </remarks>
public interface IScenarioPublisher
{
    /// <summary>Returns once the broker has the record, so it is durable before the transaction that made it commits.</summary>
    void Publish(InstrumentScenario scenario);
}
