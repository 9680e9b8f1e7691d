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
/// Publishing does not wait for the broker: a bar boundary closes a bar of every instrument at once, and waiting for
/// each acknowledgement stalled the stream thread for seconds (measured, docs/benchmarks.md). If a crash loses a
/// history the transaction already committed, portfolios wait for the instrument's next bar, whose history contains
/// the lost one: later, never different.
/// </remarks>
public interface IScenarioPublisher
{
    /// <summary>Hands the history to the broker's producer; delivery completes in the background.</summary>
    void Publish(InstrumentScenario scenario);
}
