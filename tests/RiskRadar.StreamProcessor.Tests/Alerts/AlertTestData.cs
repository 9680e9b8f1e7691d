using Npgsql;
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

    /// <summary>A provisional figure with only what the alert rules read.</summary>
    public static ProvisionalRisk Figure(double seconds, double? var99, string portfolioId = "P1", string tenantId = "T1") =>
        new(portfolioId, tenantId, "USD", Start.AddSeconds(seconds), MarketValue: 1_000_000, Pnl: 0, Since: null,
            GrossExposure: 1_000_000, NetExposure: 1_000_000, new Dictionary<string, double>(), Var95: null, var99, Es975: null,
            Volatility: null, Scenarios: 250, Positions: 3, InstrumentsWithoutHistory: [], ComputedAt: Start.AddSeconds(seconds),
            ScenarioSetId: "daily-test", PositionsVersion: 1);

    /// <summary>The tenant's rows of <c>alert_events</c>, by window end.</summary>
    public static async Task<List<RiskAlert>> StoredAlertsAsync(NpgsqlDataSource dataSource, string tenantId)
    {
        await using var command = dataSource.CreateCommand("""
            select alert_id, rule_id, portfolio_id, tenant_id, metric, threshold, value, state, window_name, window_end, raised_at
            from alert_events where tenant_id = $1 order by window_end, rule_id
            """);
        command.Parameters.Add(new() { Value = tenantId });
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<RiskAlert>();
        while (await reader.ReadAsync())
        {
            events.Add(new RiskAlert(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetDouble(5),
                reader.GetDouble(6),
                reader.GetString(7),
                reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return events;
    }

    public static AlertRule Rule(string metric, double threshold, string ruleId = "R1", string tenantId = "T1", string? portfolioId = null, string? window = null, string? targetId = null) =>
        new(ruleId, tenantId, portfolioId, metric, threshold, window, targetId);
}
