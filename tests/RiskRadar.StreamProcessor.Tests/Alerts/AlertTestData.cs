using RiskRadar.Contracts.Events;
using RiskRadar.StreamProcessor.Sinks.Alerts;

namespace RiskRadar.StreamProcessor.Tests.Alerts;

/// <summary>Aggregates with only the fields the alert rules read set to something meaningful.</summary>
internal static class AlertTestData
{
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static RiskAggregate Aggregate(
        string portfolioId = "P1",
        string tenantId = "T1",
        string window = "1m",
        int minute = 1,
        double? var95 = null,
        double? var99 = null,
        double? es975 = null,
        double? es99 = null,
        double? volatility = null,
        double? maxDrawdown = null,
        double grossExposure = 1_000_000,
        IReadOnlyDictionary<string, double>? exposureByAssetClass = null) =>
        new(
            portfolioId,
            tenantId,
            window,
            Start.AddMinutes(minute - 1),
            Start.AddMinutes(minute),
            "USD",
            MarketValue: grossExposure,
            Pnl: 0,
            grossExposure,
            NetExposure: grossExposure,
            exposureByAssetClass ?? new Dictionary<string, double>(),
            var95,
            var99,
            Es95: null,
            es975,
            es99,
            volatility,
            Sharpe: null,
            maxDrawdown,
            Scenarios: 250,
            Positions: 3,
            InstrumentsWithoutHistory: [],
            ComputedAt: Start.AddMinutes(minute));

    public static AlertRule Rule(string metric, double threshold, string ruleId = "R1", string tenantId = "T1", string? portfolioId = null, string? window = null, string? targetId = null) =>
        new(ruleId, tenantId, portfolioId, metric, threshold, window, targetId);
}
