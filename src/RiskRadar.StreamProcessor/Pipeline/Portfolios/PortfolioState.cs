namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>A portfolio's identity and window progress; stored under <c>p|{portfolio}</c>.</summary>
public sealed class PortfolioHeader
{
    public string TenantId { get; set; } = "";

    public string BaseCurrency { get; set; } = "";

    /// <summary>The next window boundary (Unix ms) to close.</summary>
    public long NextBoundary { get; set; }

    /// <summary>Cumulative price P&amp;L by instrument currency at each closed boundary an open window starts from.</summary>
    public List<PnlSnapshot> Snapshots { get; set; } = [];

    /// <summary>Cumulative P&amp;L of holdings closed out and forgotten, by currency, so differences stay continuous.</summary>
    public Dictionary<string, double> Retired { get; set; } = new(StringComparer.Ordinal);
}

/// <param name="ByCurrency">Σ cumulative price P&amp;L (local currency) of the holdings in each currency at the boundary.</param>
public sealed record PnlSnapshot(long Boundary, Dictionary<string, double> ByCurrency);

/// <summary>
/// One instrument of one portfolio, kept as an anchor (its state at a point of the instrument's stream every open
/// window starts after) and the changes since; its state at any boundary follows from those and the price its
/// instrument stood at there (<see cref="BoundaryTimeline"/>), so a boundary costs nothing per holding until a window
/// closes. Stored under <c>h|{portfolio}|{instrument}</c>.
/// <see cref="AnchorCumulativePnl"/> is price P&amp;L (quantity × price change, local currency) since the holding
/// began: window P&amp;L is a difference of two boundaries' values, so quantity changes (flows) never count as P&amp;L.
/// </summary>
public sealed class HoldingState
{
    /// <summary>The instrument's boundary (Unix ms) after which the holding began; it is held at boundaries after it.</summary>
    public long Since { get; set; } = long.MinValue;

    public double AnchorCumulativePnl { get; set; }

    public double? AnchorPrice { get; set; }

    public double AnchorQuantity { get; set; }

    public long AnchorVersion { get; set; }

    /// <summary>The instrument's boundary the last folded change came after.</summary>
    public long AnchorAfter { get; set; } = long.MinValue;

    /// <summary>Changes after the anchor, in the instrument's order.</summary>
    public List<PendingChange> Pending { get; set; } = [];
}

/// <param name="After">The instrument's latest boundary when the change happened: it is before every later boundary.</param>
/// <param name="Price">The instrument's price at the change; null before its first tick.</param>
public sealed record PendingChange(long After, double? Price, double Quantity, long Version);

/// <summary>A holding at one boundary (or now): cumulative price P&amp;L, price, quantity and position version.</summary>
public readonly record struct HoldingAt(double CumulativePnl, double? Price, double Quantity, long Version);
