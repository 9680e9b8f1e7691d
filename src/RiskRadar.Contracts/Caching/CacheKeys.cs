namespace RiskRadar.Contracts.Caching;

/// <summary>Redis key layout shared by the writers (StreamProcessor) and the readers (Api).</summary>
public static class CacheKeys
{
    /// <summary>String key holding the latest <c>PriceTick</c> JSON of an instrument.</summary>
    public static string LatestPrice(string instrumentId) => $"price:{instrumentId}";
}
