using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>A holding's quantity and price (local currency) at a window boundary.</summary>
public sealed record PositionValue(string InstrumentId, double Quantity, double Price);

/// <summary>Valuation and risk of a portfolio at one instant, in its base currency.</summary>
public sealed record PortfolioRisk(
    double MarketValue,
    double GrossExposure,
    double NetExposure,
    IReadOnlyDictionary<string, double> ExposureByAssetClass,
    VarEs? At95,
    VarEs? At975,
    VarEs? At99,
    PerformanceRatios? Ratios,
    int Scenarios,
    int Positions,
    IReadOnlyList<string> InstrumentsWithoutHistory)
{
    /// <summary>
    /// Values the positions at <paramref name="time"/> and measures historical VaR/ES and return ratios over the
    /// closed-bar returns that ended by then, aligned on bar start across instruments (the most recent
    /// <see cref="PipelineOptions.ScenarioLength"/> common bars). Foreign instruments' scenarios compound the
    /// local return with the FX rate's return of the same bar, so currency risk is part of the base-currency risk.
    /// </summary>
    public static PortfolioRisk Measure(string baseCurrency, long time, IReadOnlyList<PositionValue> positions, IMarketData market, PipelineOptions options)
    {
        var withoutHistory = new List<string>();
        var byAssetClass = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var included = new List<(double Value, Dictionary<long, double> Gross)>();
        double gross = 0, net = 0;
        var counted = 0;

        foreach (var position in positions)
        {
            var reference = market.Reference(position.InstrumentId);
            var fx = reference is null ? null : FxConversion.Find(reference.Currency, baseCurrency, market);
            var rate = fx?.RateAt(time);
            if (reference is null || fx is null || rate is null)
            {
                withoutHistory.Add(position.InstrumentId); // cannot be valued in the base currency yet
                continue;
            }

            var value = position.Quantity * position.Price * rate.Value;
            gross += Math.Abs(value);
            net += value;
            byAssetClass[reference.AssetClass] = byAssetClass.GetValueOrDefault(reference.AssetClass) + value;
            counted++;

            var returns = GrossReturns(market.Scenario(position.InstrumentId), time, fx.GrossReturns(time));
            if (returns.Count < options.MinScenarios)
            {
                withoutHistory.Add(position.InstrumentId);
            }
            else
            {
                included.Add((value, returns));
            }
        }

        var bars = CommonBars(included.Select(i => i.Gross), options.ScenarioLength);
        VarEs? at95 = null, at975 = null, at99 = null;
        PerformanceRatios? ratios = null;
        if (included.Count > 0 && bars.Count >= options.MinScenarios)
        {
            var pnl = new double[bars.Count];
            for (var t = 0; t < bars.Count; t++)
            {
                foreach (var (value, grossReturns) in included)
                {
                    pnl[t] += value * (grossReturns[bars[t]] - 1.0);
                }
            }

            at95 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.95));
            at975 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.975));
            at99 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.99));

            // Ratios need a return base; a book whose net value is (near) zero has none.
            var invested = included.Sum(i => i.Value);
            if (Math.Abs(invested) > 1e-9 * included.Sum(i => Math.Abs(i.Value)))
            {
                var portfolioReturns = pnl.Select(x => x / invested).ToArray();
                ratios = PerformanceRatios.FromReturns(portfolioReturns, options.RiskFreeRate, options.EffectivePeriodsPerYear);
            }
        }
        else
        {
            bars = [];
        }

        return new PortfolioRisk(net, gross, net, byAssetClass, at95, at975, at99, ratios, bars.Count, counted, withoutHistory);
    }

    private static Dictionary<long, double> GrossReturns(InstrumentScenario? scenario, long time, Dictionary<long, double>? fx)
    {
        var result = new Dictionary<long, double>();
        if (scenario is null)
        {
            return result;
        }

        for (var k = 0; k < scenario.BarStarts.Length; k++)
        {
            var start = scenario.BarStarts[k];
            if (start + scenario.BarSizeMs > time || scenario.Returns[k] is not { } r)
            {
                continue;
            }

            if (fx is null)
            {
                result[start] = 1.0 + r;
            }
            else if (fx.TryGetValue(start, out var fxGross))
            {
                result[start] = (1.0 + r) * fxGross;
            }
        }

        return result;
    }

    private static List<long> CommonBars(IEnumerable<Dictionary<long, double>> series, int length)
    {
        HashSet<long>? common = null;
        foreach (var s in series)
        {
            if (common is null)
            {
                common = [.. s.Keys];
            }
            else
            {
                common.IntersectWith(s.Keys);
            }
        }

        if (common is null)
        {
            return [];
        }

        var ordered = common.Order().ToList();
        return ordered.Count > length ? ordered.GetRange(ordered.Count - length, length) : ordered;
    }
}
