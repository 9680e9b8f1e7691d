namespace RiskRadar.StreamProcessor.Pipeline.Instruments;

/// <summary>Bars being built and the instrument's stream position; stored under the instrument id.</summary>
public sealed class InstrumentBars
{
    /// <summary>Bars still open to ticks (at most a few: the current one and those within grace), by start.</summary>
    public List<OpenBar> Open { get; set; } = [];

    public long? LastClosedStart { get; set; }

    public double? LastClose { get; set; }

    /// <summary>Highest event time seen (Unix ms): the instrument's stream time.</summary>
    public long Watermark { get; set; } = long.MinValue;

    /// <summary>Every bar ending at or before this (Unix ms) is final.</summary>
    public long ClosedThrough { get; set; } = long.MinValue;

    public double? LastPrice { get; set; }

    public long LastTickTime { get; set; } = long.MinValue;

    public long LastSequence { get; set; }

    /// <summary>The latest window boundary (Unix ms) whose record the books were sent.</summary>
    public long BoundaryThrough { get; set; } = long.MinValue;
}

public sealed class OpenBar
{
    public long Start { get; set; }

    public double Open { get; set; }

    public long OpenTime { get; set; }

    public double High { get; set; }

    public double Low { get; set; }

    public double Close { get; set; }

    public long CloseTime { get; set; }

    public int Ticks { get; set; }
}
