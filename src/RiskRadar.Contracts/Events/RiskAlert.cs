namespace RiskRadar.Contracts.Events;

/// <summary>
/// A change of an alert rule's state for one portfolio, keyed by <see cref="PortfolioId"/> on <c>risk.alerts</c>:
/// published when a rule starts to be breached and when it clears, not on every aggregate in between.
/// </summary>
/// <param name="State">One of <see cref="AlertStates"/>.</param>
/// <param name="Metric">The rule's metric, e.g. <c>var99</c>, <c>maxDrawdown</c>, <c>assetClassShare:Crypto</c>.</param>
public sealed record RiskAlert(
    string AlertId,
    string RuleId,
    string PortfolioId,
    string TenantId,
    string Metric,
    double Threshold,
    double Value,
    string State,
    string Window,
    DateTimeOffset WindowEnd,
    DateTimeOffset RaisedAt);

public static class AlertStates
{
    public const string Breach = "breach";
    public const string Clear = "clear";
}
