using RiskRadar.Contracts.Events;

namespace RiskRadar.Alerts;

/// <summary>The metrics an <see cref="AlertRule"/> can watch, and how each is read from an aggregate.</summary>
public static class AlertMetrics
{
    public const string Var95 = "var95";
    public const string Var99 = "var99";
    public const string Es975 = "es975";
    public const string Es99 = "es99";
    public const string Volatility = "volatility";
    public const string MaxDrawdown = "maxDrawdown";
    public const string GrossExposure = "grossExposure";

    /// <summary>Prefix of <c>assetClassShare:&lt;AssetClass&gt;</c>: |exposure of the class| / gross exposure.</summary>
    public const string AssetClassSharePrefix = "assetClassShare:";

    public static string AssetClassShare(string assetClass) => AssetClassSharePrefix + assetClass;

    /// <summary>Whether <paramref name="metric"/> names a metric this evaluator understands (names are case-sensitive, as on the wire).</summary>
    public static bool IsKnown(string? metric) => metric switch
    {
        null => false,
        Var95 or Var99 or Es975 or Es99 or Volatility or MaxDrawdown or GrossExposure => true,
        _ => metric.StartsWith(AssetClassSharePrefix, StringComparison.Ordinal)
            && AssetClasses.All.Contains(metric[AssetClassSharePrefix.Length..]),
    };

    /// <summary>
    /// The metric's value in <paramref name="aggregate"/>, or null when the aggregate cannot say (too little history
    /// for a risk measure, no gross exposure for a share, or an unknown metric): a rule then keeps its state.
    /// </summary>
    public static double? Read(string metric, RiskAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(aggregate);
        var value = metric switch
        {
            Var95 => aggregate.Var95,
            Var99 => aggregate.Var99,
            Es975 => aggregate.Es975,
            Es99 => aggregate.Es99,
            Volatility => aggregate.Volatility,
            MaxDrawdown => aggregate.MaxDrawdown,
            GrossExposure => aggregate.GrossExposure,
            _ when IsKnown(metric) => AssetClassShareOf(metric[AssetClassSharePrefix.Length..], aggregate.GrossExposure, aggregate.ExposureByAssetClass),
            _ => null,
        };

        // NaN or infinity compares false with every threshold and would silently clear a breach.
        return value is { } v && double.IsFinite(v) ? v : null;
    }

    /// <summary>|exposure of the class| / gross exposure; null without gross exposure.</summary>
    internal static double? AssetClassShareOf(string assetClass, double grossExposure, IReadOnlyDictionary<string, double> exposureByAssetClass)
    {
        if (grossExposure <= 0)
        {
            return null;
        }

        // A class the portfolio does not hold has no entry: its share is a genuine zero, which may clear an alert.
        var exposure = exposureByAssetClass.TryGetValue(assetClass, out var signed) ? signed : 0;
        return Math.Abs(exposure) / grossExposure;
    }
}
