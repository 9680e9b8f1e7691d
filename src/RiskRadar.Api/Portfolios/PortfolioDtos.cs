namespace RiskRadar.Api.Portfolios;

/// <summary>Body of POST and PUT on a portfolio.</summary>
public sealed class PortfolioRequest
{
    public string? Name { get; set; }

    /// <summary>ISO 4217 code every amount of the portfolio's risk is expressed in.</summary>
    public string? BaseCurrency { get; set; }
}

public sealed record PortfolioResponse(string Id, string Name, string BaseCurrency, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PortfolioResponse From(Portfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        return new(portfolio.Id, portfolio.Name, portfolio.BaseCurrency, portfolio.Version, portfolio.CreatedAt, portfolio.UpdatedAt);
    }
}

public sealed record PositionsResponse(string PortfolioId, long Version, IReadOnlyList<Position> Positions);

/// <summary>Body of PUT on one position: its new absolute quantity (negative for short, zero closes it).</summary>
public sealed class PositionQuantityRequest
{
    public double? Quantity { get; set; }
}

public sealed class PositionItem
{
    public string? InstrumentId { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("instrument_id")]
    public string? InstrumentIdSnake { get => InstrumentId; set => InstrumentId ??= value; }

    public double? Quantity { get; set; }
}

/// <summary>JSON body of a bulk upload.</summary>
public sealed class BulkPositionsRequest
{
    public List<PositionItem>? Positions { get; set; }
}

public sealed record BulkPositionsResponse(string PortfolioId, long Version, int Positions);

/// <summary>One page of a list; pass <see cref="NextCursor"/> as <c>cursor</c> for the next, null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
