using System.ComponentModel.DataAnnotations;

namespace RiskRadar.Api.Portfolios;

/// <summary>Limits of portfolio and position requests and the outbox cadence, bound from <c>Portfolios</c>.</summary>
public sealed class PortfolioOptions
{
    public const string SectionName = "Portfolios";

    /// <summary>Largest absolute quantity accepted; anything above is a typo or an attack, not a position.</summary>
    [Range(1, 1e15)]
    public double MaxAbsoluteQuantity { get; set; } = 1e12;

    [Range(1, 100_000)]
    public int MaxPositionsPerUpload { get; set; } = 10_000;

    [Range(1, 1_000)]
    public int MaxPageSize { get; set; } = 200;

    [Range(1, 10_000)]
    public int OutboxBatchSize { get; set; } = 500;

    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan OutboxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan OutboxPublishTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
