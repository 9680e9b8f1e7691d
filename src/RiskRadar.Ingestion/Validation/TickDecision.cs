using RiskRadar.Ingestion.Feeds;

namespace RiskRadar.Ingestion.Validation;

/// <summary>What became of one input tick: published (<see cref="TickVerdict.IsAccepted"/>) or dead-lettered.</summary>
public readonly record struct TickDecision(RawTick Raw, TickVerdict Verdict);
