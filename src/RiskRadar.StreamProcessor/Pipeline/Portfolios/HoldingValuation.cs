namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>A holding's state at a boundary, from its anchor, its changes and its instrument's timeline.</summary>
public static class HoldingValuation
{
    /// <summary>
    /// The holding just before <paramref name="boundary"/>: the changes that came before it in the instrument's stream
    /// applied to the anchor, then the price the instrument stood at there. A boundary the instrument has not crossed
    /// yet (it stalled) gets its latest state.
    /// </summary>
    public static HoldingAt At(HoldingState holding, BoundaryTimeline? timeline, long boundary)
    {
        if (boundary <= holding.Since)
        {
            return new HoldingAt(0, null, 0, 0); // not yet held
        }

        var cumulative = holding.AnchorCumulativePnl;
        var price = holding.AnchorPrice;
        var quantity = holding.AnchorQuantity;
        var version = holding.AnchorVersion;
        var lastAfter = holding.AnchorAfter;
        foreach (var change in holding.Pending)
        {
            if (change.After >= boundary)
            {
                break;
            }

            Seed(timeline, change.After >= (timeline?.FirstThrough ?? long.MaxValue), ref price);
            Apply(change, ref cumulative, ref price, ref quantity, ref version);
            lastAfter = change.After;
        }

        // The price at the boundary, or (stalled) the latest run's when it came after the last change applied.
        var entry = timeline?.At(boundary) ?? (timeline?.Latest is { } latest && latest.Through > lastAfter ? latest : null);
        Seed(timeline, boundary > (timeline?.FirstThrough ?? long.MaxValue), ref price);
        if (entry?.Price is { } atBoundary)
        {
            if (price is { } previous)
            {
                cumulative += quantity * (atBoundary - previous);
            }

            price = atBoundary;
        }

        return new HoldingAt(cumulative, price, quantity, version);
    }

    /// <summary>The holding now: every change applied, at the instrument's latest known price.</summary>
    public static HoldingAt Latest(HoldingState holding, BoundaryTimeline? timeline) => At(holding, timeline, long.MaxValue);

    /// <summary>Folds into the anchor the changes before <paramref name="keepFrom"/>, the oldest boundary still asked for.</summary>
    /// <returns>True when the holding changed.</returns>
    public static bool Settle(HoldingState holding, BoundaryTimeline? timeline, long keepFrom)
    {
        var settled = 0;
        double cumulative = holding.AnchorCumulativePnl, quantity = holding.AnchorQuantity;
        var price = holding.AnchorPrice;
        var version = holding.AnchorVersion;
        while (settled < holding.Pending.Count && holding.Pending[settled].After < keepFrom)
        {
            var change = holding.Pending[settled];
            Seed(timeline, change.After >= (timeline?.FirstThrough ?? long.MaxValue), ref price);
            Apply(change, ref cumulative, ref price, ref quantity, ref version);
            holding.AnchorAfter = change.After;
            settled++;
        }

        if (settled == 0)
        {
            return false;
        }

        (holding.AnchorCumulativePnl, holding.AnchorPrice, holding.AnchorQuantity, holding.AnchorVersion) = (cumulative, price, quantity, version);
        holding.Pending.RemoveRange(0, settled);
        return true;
    }

    /// <summary>
    /// A holding taken before its instrument first traded has no price to count from; once the stream is past that
    /// first tick, it counts from the first price, as if it had seen the tick.
    /// </summary>
    private static void Seed(BoundaryTimeline? timeline, bool pastFirstTick, ref double? price)
    {
        if (price is null && pastFirstTick)
        {
            price = timeline!.FirstPrice;
        }
    }

    private static void Apply(PendingChange change, ref double cumulative, ref double? price, ref double quantity, ref long version)
    {
        if (change.Price is { } changePrice)
        {
            if (price is { } previous)
            {
                cumulative += quantity * (changePrice - previous);
            }

            price = changePrice;
        }

        // An older change redelivered after a newer one: the compacted topic's latest wins.
        if (change.Version >= version)
        {
            quantity = change.Quantity;
            version = change.Version;
        }
    }
}
