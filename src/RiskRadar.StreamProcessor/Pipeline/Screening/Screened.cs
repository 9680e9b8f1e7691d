namespace RiskRadar.StreamProcessor.Pipeline.Screening;

/// <summary>An input record and, when it cannot be processed, why (the dead-letter reason).</summary>
public sealed record Screened<T>(T Value, string? Problem)
    where T : class;
