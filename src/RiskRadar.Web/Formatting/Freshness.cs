namespace RiskRadar.Web.Formatting;

public enum FreshnessState
{
    /// <summary>No figure has arrived yet.</summary>
    None,
    Fresh,
    Stale,
}

/// <summary>Whether a live figure is current: stale once nothing newer came for <c>StaleAfter</c>.</summary>
public static class Freshness
{
    public static FreshnessState Of(DateTimeOffset? lastUpdate, DateTimeOffset now, TimeSpan staleAfter) =>
        lastUpdate is not { } last ? FreshnessState.None
        : now - last > staleAfter ? FreshnessState.Stale
        : FreshnessState.Fresh;
}
