using RiskRadar.Contracts.Events;
using RiskRadar.Web.Gateway;

namespace RiskRadar.Web.Live;

/// <summary>
/// A portfolio's figures as a screen shows them: the newest of its closed windows and its provisional figures
/// (whichever is newer in event time), and when the dashboard last heard from the feed about it.
/// </summary>
public sealed class LiveFigures(string portfolioId, string name, string baseCurrency)
{
    public string PortfolioId { get; } = portfolioId;

    public string Name { get; set; } = name;

    public string BaseCurrency { get; private set; } = baseCurrency;

    public double? MarketValue { get; private set; }

    public double? Pnl { get; private set; }

    public double? Var99 { get; private set; }

    public double? Es975 { get; private set; }

    public double? Volatility { get; private set; }

    public double? GrossExposure { get; private set; }

    public double? NetExposure { get; private set; }

    public int Positions { get; private set; }

    public IReadOnlyDictionary<string, double> ExposureByAssetClass { get; private set; } = new Dictionary<string, double>();

    /// <summary>Event time of the figures shown: the window end, or the newest price of provisional figures.</summary>
    public DateTimeOffset? AsOf { get; private set; }

    /// <summary><c>provisional</c>, or the window kind (<c>10s</c>, <c>1m</c>, <c>1d</c>) the figures come from.</summary>
    public string? Source { get; private set; }

    public string? ScenarioSetId { get; private set; }

    /// <summary>When the dashboard last received a figure for the portfolio (its clock): what freshness is judged by.</summary>
    public DateTimeOffset? ReceivedAt { get; private set; }

    /// <summary>Takes a window aggregate unless newer figures are shown; true when it changed what is shown.</summary>
    public bool Apply(RiskAggregate aggregate, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return Show(receivedAt, aggregate.WindowEnd, aggregate.Window, aggregate.ScenarioSetId, aggregate.BaseCurrency, aggregate.Positions,
            (aggregate.MarketValue, aggregate.Pnl, aggregate.Var99, aggregate.Es975, aggregate.Volatility),
            (aggregate.GrossExposure, aggregate.NetExposure, aggregate.ExposureByAssetClass));
    }

    /// <summary>Takes provisional figures unless a newer window is shown; true when it changed what is shown.</summary>
    public bool Apply(ProvisionalRisk figures, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return Show(receivedAt, figures.AsOf, figures.Kind, figures.ScenarioSetId, figures.BaseCurrency, figures.Positions,
            (figures.MarketValue, figures.Pnl, figures.Var99, figures.Es975, figures.Volatility),
            (figures.GrossExposure, figures.NetExposure, figures.ExposureByAssetClass));
    }

    /// <summary>Starts from what the Api holds now: the newest 10 s window and the provisional figures, if any.</summary>
    public async Task LoadLatestAsync(GatewayClient gateway, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(time);
        var window = gateway.GetLatestRiskAsync(PortfolioId, "10s", cancellationToken);
        var provisional = gateway.GetProvisionalRiskAsync(PortfolioId, cancellationToken);
        if (await window is { Ok: true, Value: { } aggregate })
        {
            Apply(aggregate, time.GetUtcNow());
        }

        if (await provisional is { Ok: true, Value: { } figures })
        {
            Apply(figures, time.GetUtcNow());
        }
    }

    private bool Show(
        DateTimeOffset receivedAt, DateTimeOffset asOf, string source, string? scenarioSetId, string baseCurrency, int positions,
        (double MarketValue, double Pnl, double? Var99, double? Es975, double? Volatility) measures,
        (double Gross, double Net, IReadOnlyDictionary<string, double> ByAssetClass) exposures)
    {
        ReceivedAt = receivedAt;
        if (AsOf is { } shown && asOf < shown)
        {
            return false;
        }

        (AsOf, Source, ScenarioSetId, BaseCurrency, Positions) = (asOf, source, scenarioSetId, baseCurrency, positions);
        (MarketValue, Pnl, Var99, Es975, Volatility) = measures;
        (GrossExposure, NetExposure, ExposureByAssetClass) = exposures;
        return true;
    }
}
