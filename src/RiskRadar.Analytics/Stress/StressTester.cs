namespace RiskRadar.Analytics.Stress;

/// <summary>
/// Applies shock scenarios and historical windows to positions. Each position takes the most specific matching
/// shock (instrument, else asset class); factor shocks apply only to positions neither of those matched, as
/// Σ loading × factor shock (a return for relative factor shocks, a price change for absolute ones).
/// </summary>
public static class StressTester
{
    public static StressResult Apply(IReadOnlyList<StressPosition> positions, StressScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(scenario);
        Dictionary<(ShockTarget, string), Shock> byKey = scenario.Shocks.ToDictionary(s => (s.Target, s.Name));
        List<PositionPnl> rows = new(positions.Count);
        double total = 0.0;
        foreach (StressPosition p in positions)
        {
            double priceChange;
            if (byKey.TryGetValue((ShockTarget.Instrument, p.Instrument), out Shock? shock)
                || byKey.TryGetValue((ShockTarget.AssetClass, p.AssetClass), out shock))
            {
                priceChange = shock.Kind == ShockKind.Relative ? p.Price * shock.Size : shock.Size;
            }
            else
            {
                priceChange = 0.0;
                foreach (Shock s in scenario.Shocks)
                {
                    if (s.Target == ShockTarget.Factor && p.FactorLoadings.TryGetValue(s.Name, out double loading))
                    {
                        priceChange += s.Kind == ShockKind.Relative ? p.Price * loading * s.Size : loading * s.Size;
                    }
                }
            }

            if (p.Price + priceChange <= 0.0)
            {
                throw new ArgumentException($"Scenario '{scenario.Name}' takes the price of {p.Instrument} to {p.Price + priceChange}, which is not positive.", nameof(scenario));
            }

            double pnl = p.Quantity * priceChange;
            rows.Add(new PositionPnl(p.Instrument, p.MarketValue, priceChange, pnl));
            total += pnl;
        }

        return new StressResult(scenario.Name, rows, total);
    }

    /// <summary>
    /// Replays a historical window on today's positions: each instrument moves by its cumulative return between
    /// the window's first and last rows, P&amp;L = v[i]·(P[end,i]/P[start,i] − 1).
    /// </summary>
    /// <param name="instruments">Column names of <paramref name="rowMajorPrices"/>.</param>
    /// <param name="rowMajorPrices">Price history (rows ascending in time).</param>
    public static StressResult ReplayWindow(IReadOnlyList<StressPosition> positions, IReadOnlyList<string> instruments, ReadOnlySpan<double> rowMajorPrices, int startRow, int endRow, string name)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(instruments);
        int m = instruments.Count;
        if (m < 1 || rowMajorPrices.Length % m != 0)
        {
            throw new ArgumentException($"Price matrix of {rowMajorPrices.Length} values does not divide into {m} instruments.", nameof(rowMajorPrices));
        }

        int rows = rowMajorPrices.Length / m;
        if (startRow < 0 || endRow >= rows || startRow >= endRow)
        {
            throw new ArgumentException($"Window [{startRow}, {endRow}] must satisfy 0 ≤ start < end < {rows}.", nameof(startRow));
        }

        List<Shock> shocks = new(positions.Count);
        foreach (StressPosition p in positions)
        {
            int i = IndexOf(instruments, p.Instrument);
            double start = rowMajorPrices[(startRow * m) + i], end = rowMajorPrices[(endRow * m) + i];
            if (!(start > 0.0) || !(end > 0.0))
            {
                throw new ArgumentException($"Prices of {p.Instrument} in the window must be positive.", nameof(rowMajorPrices));
            }

            shocks.Add(new Shock(ShockTarget.Instrument, p.Instrument, ShockKind.Relative, (end / start) - 1.0));
        }

        return Apply(positions, new StressScenario(name, shocks));
    }

    private static int IndexOf(IReadOnlyList<string> instruments, string name)
    {
        for (int i = 0; i < instruments.Count; i++)
        {
            if (string.Equals(instruments[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"Instrument '{name}' has no price history.", nameof(instruments));
    }
}
