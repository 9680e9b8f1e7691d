namespace RiskRadar.Api.Portfolios;

/// <summary>A tenant's portfolio; <see cref="Version"/> changes with every edit of it or of its positions.</summary>
public sealed record Portfolio(
    string Id,
    string TenantId,
    string Name,
    string BaseCurrency,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>The quantity held of one instrument; a closed position is removed, not kept at zero.</summary>
public sealed record Position(string InstrumentId, double Quantity, DateTimeOffset UpdatedAt);

/// <summary>A requested position: the new absolute quantity of an instrument (zero closes it).</summary>
public sealed record PositionInput(string InstrumentId, double Quantity);
