namespace RiskRadar.Contracts.Events;

/// <summary>
/// The current quantity of one instrument in one portfolio, keyed by <see cref="Key"/> on the compacted topic
/// <c>portfolio.positions</c>. A quantity of zero closes the position. The Api emits one per change; its
/// PostgreSQL tables are the durable projection of this topic.
/// </summary>
/// <param name="Version">Monotonic per portfolio; consumers ignore a change older than the one they hold.</param>
public sealed record PositionChange(
    string PortfolioId,
    string TenantId,
    string InstrumentId,
    double Quantity,
    string BaseCurrency,
    long Version,
    DateTimeOffset Timestamp)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => PositionKey(PortfolioId, InstrumentId);

    public static string PositionKey(string portfolioId, string instrumentId) => $"{portfolioId}|{instrumentId}";
}
