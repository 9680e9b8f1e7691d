namespace RiskRadar.Gateway.ApiKeys;

/// <summary>A machine client's key as stored: everything but the key itself, which only its holder has.</summary>
public sealed record ApiKey(
    Guid Id,
    string TenantId,
    string Name,
    IReadOnlyList<string> Roles,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt);

/// <summary>A key just created, with its secret, which is shown this once.</summary>
public sealed record CreatedApiKey(
    Guid Id,
    string Key,
    string TenantId,
    string Name,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt);

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Roles, DateTimeOffset? ExpiresAt);
