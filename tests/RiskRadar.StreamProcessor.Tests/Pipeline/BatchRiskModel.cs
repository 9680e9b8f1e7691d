using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Tests.Pipeline;

/// <summary>
/// The pipeline's definitions recomputed in batch from the whole tick history and the daily scenario set, for
/// comparison with what the stream produced: price before a boundary = last tick strictly earlier; FX rate = the FX
/// pair's last bar close ended by the boundary; scenarios = the set's daily returns; VaR/ES via the analytics library.
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

    /// <summary>Price P&amp;L of constant quantities over [start, end), converted at the end's FX rate (as the pipeline does).</summary>
    public double PricePnl(IReadOnlyDictionary<string, double> quantities, string baseCurrency, long start, long end) =>
        quantities.Sum(kv => kv.Value
            * ((PriceBefore(kv.Key, end) ?? 0) - (PriceBefore(kv.Key, start) ?? 0))
            * (FxRate(_references[kv.Key].Currency, baseCurrency, end) ?? 0));

    /// <summary>
    /// Values at <paramref name="end"/> (prices before it, FX from bar closes), revalued over the newest lookback rows
    /// of a fully observed daily set: P&amp;L[t] = Σ value × (gross return in the base currency − 1), each foreign
    /// instrument's gross return times its FX pair's (inverted when quoted the other way).
    /// </summary>
    public Expected Expect(IReadOnlyDictionary<string, double> quantities, string baseCurrency, long end, ScenarioSet? set, int minScenarios)
    {
        var values = new Dictionary<string, double>();
        foreach (var (id, quantity) in quantities)
        {
            if (quantity != 0 && PriceBefore(id, end) is { } price && FxRate(_references[id].Currency, baseCurrency, end) is { } rate)
            {
                values[id] = quantity * price * rate;
            }
        }

        var withHistory = values.Keys.Where(id => set is not null && Gross(set, id, baseCurrency, 0) is not null).Order(StringComparer.Ordinal).ToList();
        var rows = set is null || withHistory.Count == 0 ? [] : Enumerable.Range(0, set.Rows).TakeLast(set.Lookback).ToList();

        double? var95 = null, var99 = null, es975 = null, volatility = null;
        if (rows.Count >= minScenarios)
        {
            var pnl = rows.Select(t => withHistory.Sum(id => values[id] * (Gross(set!, id, baseCurrency, t)!.Value - 1.0))).ToArray();
            var95 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.95)).ValueAtRisk;
            var99 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.99)).ValueAtRisk;
            es975 = HistoricalVar.FromPnl(pnl, new RiskOptions(0.975)).ExpectedShortfall;
            var invested = withHistory.Sum(id => values[id]);
            var perYear = withHistory.Max(id => AssetClasses.DefaultDaysPerYear[_references[id].AssetClass]);
            volatility = PerformanceRatios.FromReturns(pnl.Select(x => x / invested).ToArray(), 0, perYear).Volatility;
        }

        return new Expected(values.Values.Sum(), values.Values.Sum(Math.Abs), var95, var99, es975, volatility, rows.Count < minScenarios ? 0 : rows.Count,
            [.. quantities.Keys.Where(id => quantities[id] != 0 && !withHistory.Contains(id)).Order(StringComparer.Ordinal)]);
    }

    private double? Gross(ScenarioSet set, string id, string baseCurrency, int row)
    {
        var column = set.IndexOf(id);
        if (column < 0)
        {
            return null;
        }

        var gross = 1.0 + set.Return(row, column);
        var currency = _references[id].Currency;
        if (currency == baseCurrency)
        {
            return gross;
        }

        return set.IndexOf($"FX.{currency}{baseCurrency}") is >= 0 and var direct ? gross * (1.0 + set.Return(row, direct))
            : set.IndexOf($"FX.{baseCurrency}{currency}") is >= 0 and var inverse ? gross / (1.0 + set.Return(row, inverse))
            : null;
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
