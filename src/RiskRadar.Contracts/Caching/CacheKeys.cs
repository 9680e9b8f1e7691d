namespace RiskRadar.Contracts.Caching;

/// <summary>Redis key layout shared by the writers (StreamProcessor) and the readers (Api).</summary>
public static class CacheKeys
{
    /// <summary>String key holding the latest <c>PriceTick</c> JSON of an instrument.</summary>
    public static string LatestPrice(string instrumentId) => $"price:{instrumentId}";

    /// <summary>String key holding the latest <c>RiskAggregate</c> JSON of a portfolio for one window kind (e.g. <c>10s</c>).</summary>
    public static string LatestRisk(string portfolioId, string window) => $"risk:{portfolioId}:{window}";

    /// <summary>Pub/sub channel on which every new <c>RiskAggregate</c> of a portfolio is published as JSON.</summary>
    public static string RiskChannel(string portfolioId) => $"risk-updates:{portfolioId}";
}
