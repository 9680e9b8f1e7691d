namespace RiskRadar.Contracts.Topics;

/// <summary>The topics RiskRadar's services exchange events on.</summary>
public static class KafkaTopics
{
    public const string MarketPrices = "market.prices";
    public const string MarketPricesDeadLetter = "market.prices.dlq";
    public const string InstrumentReferences = "reference.instruments";
    public const string PortfolioPositions = "portfolio.positions";
    public const string PortfolioPositionsDeadLetter = "portfolio.positions.dlq";
    public const string MarketBars = "market.bars";
    public const string RiskAggregates = "risk.aggregates";
    public const string RiskAlerts = "risk.alerts";
    public const string AuditEvents = "audit.events";

    /// <summary>Header naming why a record was sent to a dead-letter topic.</summary>
    public const string DeadLetterReasonHeader = "dlq.reason";
}
