using RiskRadar.Alerts;
using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>
/// A threshold on one metric of a tenant's portfolios: breached while the value is above <see cref="Threshold"/>.
/// </summary>
/// <param name="PortfolioId">The portfolio watched, or null for every portfolio of the tenant.</param>
/// <param name="Metric">One of <see cref="AlertMetrics"/>.</param>
/// <param name="Window">The window kind watched (e.g. <c>1m</c>), or null for every kind; state is kept per kind.</param>
/// <param name="WebhookTargetId">Where breaches and clears are also POSTed, or null for Kafka only.</param>
/// <param name="HoldDown">
/// For a rule on provisional figures (<see cref="Window"/> is <see cref="ProvisionalAlerts.Window"/>): how long the
/// figures must stay across the line before the rule moves.
/// </param>
public sealed record AlertRule(
    string RuleId,
    string TenantId,
    string? PortfolioId,
    string Metric,
    double Threshold,
    string? Window,
    string? WebhookTargetId,
    TimeSpan? HoldDown = null)
{
    public bool IsProvisional => string.Equals(Window, ProvisionalAlerts.Window, StringComparison.Ordinal);

    /// <summary>Whether the rule watches <paramref name="figure"/>: only provisional rules do.</summary>
    public bool Matches(ProvisionalRisk figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return IsProvisional
            && string.Equals(TenantId, figure.TenantId, StringComparison.Ordinal)
            && (PortfolioId is null || string.Equals(PortfolioId, figure.PortfolioId, StringComparison.Ordinal));
    }

    /// <summary>Whether the rule watches <paramref name="aggregate"/>; tenants never see each other's portfolios.</summary>
    public bool Matches(RiskAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return string.Equals(TenantId, aggregate.TenantId, StringComparison.Ordinal)
            && (PortfolioId is null || string.Equals(PortfolioId, aggregate.PortfolioId, StringComparison.Ordinal))
            && (Window is null || string.Equals(Window, aggregate.Window, StringComparison.Ordinal));
    }
}
