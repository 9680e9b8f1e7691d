using System.Diagnostics.CodeAnalysis;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Ingestion.Validation;

/// <summary>Either the normalised tick or why it was rejected.</summary>
public readonly record struct TickVerdict(PriceTick? Tick, TickRejection? Rejection)
{
    [MemberNotNullWhen(true, nameof(Tick))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => Tick is not null;

    public static TickVerdict Accept(PriceTick tick) => new(tick, null);

    public static TickVerdict Reject(string code, string detail) => new(null, new TickRejection(code, detail));
}
