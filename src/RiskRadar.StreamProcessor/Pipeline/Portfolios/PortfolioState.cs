namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>A portfolio's identity and window progress; stored under the portfolio id.</summary>
public sealed class PortfolioHeader
{
    public string TenantId { get; set; } = "";

    public string BaseCurrency { get; set; } = "";

    public List<string> Instruments { get; set; } = [];

    /// <summary>The next window boundary (Unix ms) to close.</summary>
    public long NextBoundary { get; set; }
}

/// <summary>
/// One instrument of one portfolio, as seen through that instrument's stream; stored under <c>{portfolio}|{instrument}</c>.
/// <see cref="CumulativePnl"/> is the price P&amp;L (quantity × price change, local currency) since the holding began:
/// window P&amp;L is its difference between two boundary snapshots, so quantity changes (flows) never count as P&amp;L.
/// </summary>
public sealed class HoldingState
{
    public double Quantity { get; set; }

    public double? Price { get; set; }

    /// <summary>Instrument stream time at which the portfolio started to hold it.</summary>
    public long Since { get; set; }

    /// <summary>Instrument stream time of the latest event applied.</summary>
    public long Time { get; set; }

    public double CumulativePnl { get; set; }

    public long Version { get; set; }

    /// <summary>State just before each boundary the instrument's stream crossed, for windows not yet closed.</summary>
    public List<BoundarySnapshot> Snapshots { get; set; } = [];
}

/// <param name="Version">The portfolio position version of the holding's latest quantity change before the boundary.</param>
public sealed record BoundarySnapshot(long Boundary, double CumulativePnl, double? Price, double Quantity, long Version = 0);
