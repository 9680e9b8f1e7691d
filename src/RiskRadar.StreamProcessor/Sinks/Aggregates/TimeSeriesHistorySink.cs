using RiskRadar.Contracts.Events;
using RiskRadar.TimeSeries;

namespace RiskRadar.StreamProcessor.Sinks.Aggregates;

/// <summary>
/// The history: every aggregate and bar into the time-series store (binary COPY, upsert by window), first of the
/// sinks so the cache and the alerts never show a window the history lacks.
/// </summary>
public sealed class TimeSeriesHistorySink(RiskHistoryWriter writer) : IRiskResultSink
{
    public int Order => 0;

    public Task WriteAsync(IReadOnlyList<RiskAggregate> aggregates, IReadOnlyList<InstrumentBar> bars, CancellationToken cancellationToken) =>
        writer.WriteAsync(aggregates, bars, cancellationToken);
}
