using RiskRadar.Analytics.Risk;
using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Tests.Pipeline;

/// <summary>
/// The pipeline's definitions recomputed in batch from the whole tick history, for comparison with what the stream
/// produced: price before a boundary = last tick strictly earlier; bars = last tick per bar; scenario returns = bar
/// close to previous bar close for bars ended by the boundary; VaR/ES via the analytics library.
/// </summary>
internal sealed class BatchRiskModel
{
    private readonly Dictionary<string, List<PriceTick>> _ticks;
    private readonly Dictionary<string, SortedList<long, double>> _closes = [];
    private readonly IReadOnlyDictionary<string, InstrumentReference> _references;
    private readonly long _barMs;

    public BatchRiskModel(IEnumerable<PriceTick> ticks, IReadOnlyDictionary<string, InstrumentReference> references, TimeSpan barSize)
    {
        _references = references;
        _barMs = (long)barSize.TotalMilliseconds;
        _ticks = ticks.GroupBy(t => t.InstrumentId)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.Timestamp).ThenBy(t => t.Sequence).ToList());
        foreach (var (id, series) in _ticks)
        {
            var closes = new SortedList<long, double>();
            foreach (var tick in series)
            {
                closes[Floor(tick.Timestamp.ToUnixTimeMilliseconds())] = tick.Price; // ordered, so the last one stays
            }

            _closes[id] = closes;
        }
    }

    public double? PriceBefore(string id, long time) =>
        _ticks.TryGetValue(id, out var series) ? series.LastOrDefault(t => t.Timestamp.ToUnixTimeMilliseconds() < time)?.Price : null;

    /// <summary>Units of base currency per unit of the instrument's currency, from FX bar closes ended by <paramref name="time"/>.</summary>
    public double? FxRate(string currency, string baseCurrency, long time)
    {
        if (currency == baseCurrency)
        {
            return 1.0;
        }

        if (LastClose($"FX.{currency}{baseCurrency}", time) is { } direct)
        {
            return direct;
        }

        return LastClose($"FX.{baseCurrency}{currency}", time) is { } inverse ? 1.0 / inverse : null;
    }

    /// <summary>Gross returns (1 + r) by bar start for bars ended by <paramref name="time"/>, in the base currency.</summary>
    public Dictionary<long, double> GrossReturns(string id, string baseCurrency, long time)
    {
        var result = Returns(id, time);
        var currency = _references[id].Currency;
        if (currency == baseCurrency)
        {
            return result;
        }

        var direct = _closes.ContainsKey($"FX.{currency}{baseCurrency}");
        var fx = Returns(direct ? $"FX.{currency}{baseCurrency}" : $"FX.{baseCurrency}{currency}", time);
        return result.Where(kv => fx.ContainsKey(kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value * (direct ? fx[kv.Key] : 1.0 / fx[kv.Key]));
    }

    /// <summary>Price P&amp;L of constant quantities over [start, end), converted at the end's FX rate (as the pipeline does).</summary>
    public double PricePnl(IReadOnlyDictionary<string, double> quantities, string baseCurrency, long start, long end) =>
        quantities.Sum(kv => kv.Value
            * ((PriceBefore(kv.Key, end) ?? 0) - (PriceBefore(kv.Key, start) ?? 0))
            * (FxRate(_references[kv.Key].Currency, baseCurrency, end) ?? 0));

    public Expected Expect(IReadOnlyDictionary<string, double> quantities, string baseCurrency, long end, int scenarioLength, int minScenarios)
    {
        var values = new Dictionary<string, double>();
        foreach (var (id, quantity) in quantities)
        {
            if (quantity != 0 && PriceBefore(id, end) is { } price && FxRate(_references[id].Currency, baseCurrency, end) is { } rate)
            {
                values[id] = quantity * price * rate;
            }
        }

        var withHistory = values.Keys.Where(id => GrossReturns(id, baseCurrency, end).Count >= minScenarios).Order(StringComparer.Ordinal).ToList();
        var returns = withHistory.ToDictionary(id => id, id => GrossReturns(id, baseCurrency, end));
        var common = withHistory.Count == 0
            ? []
            : returns.Values.Select(r => r.Keys.AsEnumerable()).Aggregate((a, b) => a.Intersect(b)).Order().TakeLast(scenarioLength).ToList();

        double? var95 = null, var99 = null, es975 = null, volatility = null;
        if (common.Count >= minScenarios)
        {
            var pnl = common.Select(bar => withHistory.Sum(id => values[id] * (returns[id][bar] - 1.0))).ToArray();
            var95 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.95)).ValueAtRisk;
            var99 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.99)).ValueAtRisk;
            es975 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.975)).ExpectedShortfall;
            var invested = withHistory.Sum(id => values[id]);
            var periodsPerYear = (int)Math.Round(252 * 6.5 * 3600 * 1000.0 / _barMs);
            volatility = PerformanceRatios.FromReturns(pnl.Select(x => x / invested).ToArray(), 0, periodsPerYear).Volatility;
        }

        return new Expected(values.Values.Sum(), values.Values.Sum(Math.Abs), var95, var99, es975, volatility, common.Count,
            [.. quantities.Keys.Where(id => quantities[id] != 0 && !withHistory.Contains(id)).Order(StringComparer.Ordinal)]);
    }

    private Dictionary<long, double> Returns(string id, long time)
    {
        var result = new Dictionary<long, double>();
        if (!_closes.TryGetValue(id, out var closes))
        {
            return result;
        }

        for (var k = 1; k < closes.Count && closes.Keys[k] + _barMs <= time; k++)
        {
            result[closes.Keys[k]] = closes.Values[k] / closes.Values[k - 1];
        }

        return result;
    }

    private double? LastClose(string id, long time)
    {
        if (!_closes.TryGetValue(id, out var closes))
        {
            return null;
        }

        double? last = null;
        foreach (var (start, close) in closes)
        {
            if (start + _barMs <= time)
            {
                last = close;
            }
        }

        return last;
    }

    private long Floor(long time) => time / _barMs * _barMs;

    internal sealed record Expected(double MarketValue, double GrossExposure, double? Var95, double? Var99, double? Es975, double? Volatility, int Scenarios, IReadOnlyList<string> WithoutHistory);
}
