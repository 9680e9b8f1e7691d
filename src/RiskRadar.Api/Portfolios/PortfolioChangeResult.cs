namespace RiskRadar.Api.Portfolios;

/// <summary>How a change of a portfolio ended; the API maps each outcome to one status code.</summary>
public enum PortfolioChangeOutcome
{
    Done,
    NotFound,
    VersionMismatch,
    NameTaken,
}

public sealed record PortfolioChangeResult(PortfolioChangeOutcome Outcome, Portfolio? Portfolio = null)
{
    public static PortfolioChangeResult NotFound { get; } = new(PortfolioChangeOutcome.NotFound);

    public static PortfolioChangeResult VersionMismatch(Portfolio current) => new(PortfolioChangeOutcome.VersionMismatch, current);

    public static PortfolioChangeResult NameTaken { get; } = new(PortfolioChangeOutcome.NameTaken);

    public static PortfolioChangeResult Done(Portfolio portfolio) => new(PortfolioChangeOutcome.Done, portfolio);
}
