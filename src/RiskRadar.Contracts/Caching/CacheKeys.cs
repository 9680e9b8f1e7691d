namespace RiskRadar.Contracts.Caching;

/// <summary>
/// Redis key layout. Internal on purpose: values are written and read only through <see cref="LatestPriceCache"/>,
/// <see cref="LatestRiskCache"/>, <see cref="ProvisionalRiskCache"/> and <see cref="LiveWatchRegistry"/>, so no service or test can depend on the
/// stored format by hand.
/// </summary>
internal static class CacheKeys
{
    public static string LatestPrice(string instrumentId) => $"price:{instrumentId}";

    public static string LatestRisk(string portfolioId, string window) => $"risk:{portfolioId}:{window}";

    public static string RiskChannel(string portfolioId) => $"risk-updates:{portfolioId}";

    public static string ProvisionalRisk(string portfolioId) => $"risk:{portfolioId}:provisional";

    public static string ProvisionalChannel(string portfolioId) => $"risk-provisional:{portfolioId}";

    public const string LiveWatches = "live:watched";
}
