namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// FX rates from the boundary records the book task reads for every instrument, FX pairs included: the rate at a
/// time is the pair's last bar close ended by it, which is the price that stood at that bar's end boundary. Read
/// from the task's own records, it is the rate a replay finds, however far the task lags the instrument stage.
/// </summary>
/// <remarks>
/// Until 2026-12-03 the rates came from the global table of recent bar closes, which runs ahead of a book task
/// catching up after a restart: a window further back than the closes kept lost its foreign holdings' value.
/// </remarks>
public sealed class TimelineFxRates(Func<string, BoundaryTimeline?> timelines, long barMs) : IFxRates
{
    public bool Quotes(string pairId) => timelines(pairId) is { Priced: true };

    public double? RateAt(string pairId, long time) =>
        timelines(pairId)?.PriceAt(Instruments.InstrumentProcessor.FloorTo(time, barMs));

    /// <summary>The latest bar end the pair's stream has passed, or null when it has none.</summary>
    public long? ClosedThrough(string pairId) =>
        timelines(pairId) is { Priced: true } timeline ? Instruments.InstrumentProcessor.FloorTo(timeline.Through, barMs) : null;
}
