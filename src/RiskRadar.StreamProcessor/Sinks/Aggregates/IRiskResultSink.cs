using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Sinks.Aggregates;

/// <summary>
/// A destination of committed pipeline results. Batches may be delivered again after a crash (offsets are committed
/// after every sink succeeded), so a sink must be idempotent.
/// </summary>
public interface IRiskResultSink
{
    /// <summary>Sinks run in ascending order; the durable history first, so a cache never shows what history lacks.</summary>
    int Order { get; }

    Task WriteAsync(IReadOnlyList<RiskAggregate> aggregates, IReadOnlyList<InstrumentBar> bars, CancellationToken cancellationToken);
}
