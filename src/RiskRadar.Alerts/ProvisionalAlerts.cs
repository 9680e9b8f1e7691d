using RiskRadar.Contracts.Events;

namespace RiskRadar.Alerts;

/// <summary>
/// Alert rules on provisional figures (<see cref="ProvisionalRisk"/>, between window ends): a rule whose window is
/// <see cref="Window"/> watches them, and moves only once the value has stayed across the line for its hold-down, so
/// a figure flickering around the threshold does not raise and clear an alert every refresh.
/// </summary>
public static class ProvisionalAlerts
{
    /// <summary>The rule window (and alert window) of provisional rules.</summary>
    public const string Window = "provisional";

    public static readonly TimeSpan DefaultHoldDown = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxHoldDown = TimeSpan.FromHours(1);

    /// <summary>The metrics a provisional figure carries (ES 99 % and drawdown are computed at window ends only).</summary>
    public static bool IsKnown(string? metric) =>
        AlertMetrics.IsKnown(metric) && metric is not (AlertMetrics.Es99 or AlertMetrics.MaxDrawdown);

    public static string KnownMetrics => "var95, var99, es975, volatility, grossExposure or assetClassShare:<AssetClass>";

    /// <summary>The metric's value in <paramref name="figure"/>, or null when the figure cannot say.</summary>
    public static double? Read(string metric, ProvisionalRisk figure)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(figure);
        var value = metric switch
        {
            AlertMetrics.Var95 => figure.Var95,
            AlertMetrics.Var99 => figure.Var99,
            AlertMetrics.Es975 => figure.Es975,
            AlertMetrics.Volatility => figure.Volatility,
            AlertMetrics.GrossExposure => figure.GrossExposure,
            _ when IsKnown(metric) => AlertMetrics.AssetClassShareOf(metric[AlertMetrics.AssetClassSharePrefix.Length..], figure.GrossExposure, figure.ExposureByAssetClass),
            _ => null,
        };

        return value is { } v && double.IsFinite(v) ? v : null;
    }
}
