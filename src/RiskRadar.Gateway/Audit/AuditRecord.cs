namespace RiskRadar.Gateway.Audit;

/// <summary>One audited request: who, in which tenant, what, and how it ended. Also the JSON on <c>audit.events</c>.</summary>
public sealed record AuditRecord(
    long Id,
    DateTimeOffset OccurredAt,
    string? Actor,
    string? TenantId,
    string? ApiKeyId,
    string Method,
    string Route,
    string Path,
    int Status,
    string Outcome,
    string? CorrelationId,
    string? ClientAddress);

public static class AuditOutcomes
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";
    public const string Failed = "failed";
}
