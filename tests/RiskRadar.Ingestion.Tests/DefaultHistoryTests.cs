using RiskRadar.Ingestion.History;
using RiskRadar.Ingestion.Instruments;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.Ingestion.Tests;

/// <summary>The bundled default history (eng/history/generate_default_history.py) is what a fresh stack's risk stands on.</summary>
public sealed class DefaultHistoryTests
{
    private static readonly IReadOnlyList<InstrumentDefinition> s_universe =
        InstrumentUniverse.Load(Path.Combine(AppContext.BaseDirectory, "Instruments", "instruments.json"));

    private static readonly Lazy<DailyHistoryFile> s_file = new(() =>
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "History", "default-history.csv"));
        return DailyHistoryCsv.Parse(reader, s_universe.Select(i => i.Id).ToHashSet().Contains, DateOnly.MaxValue, int.MaxValue);
    });

    [Fact]
    public void It_is_valid_covers_every_instrument_for_two_years_and_ends_at_the_simulator_prices()
    {
        var file = s_file.Value;
        Assert.True(file.IsValid, string.Join("; ", file.Errors.Take(3).Select(e => $"{e.Key}: {e.Value[0]}")));
        foreach (var instrument in s_universe)
        {
            var bars = file.Bars.Where(b => b.InstrumentId == instrument.Id).OrderBy(b => b.Day).ToList();
            Assert.True(bars[^1].Day.DayNumber - bars[0].Day.DayNumber >= 730, $"{instrument.Id} spans less than two years");
            Assert.Equal(instrument.Price, bars[^1].Close, 5);
            // Weekends trade only in crypto.
            Assert.Equal(instrument.AssetClass == AssetClass.Crypto, bars.Any(b => b.Day.DayOfWeek is DayOfWeek.Saturday));
        }
    }

    [Fact]
    public void It_holds_a_stressed_period_where_equity_volatility_is_at_least_twice_the_calm_level()
    {
        var closes = s_file.Value.Bars.Where(b => b.InstrumentId == "EQ.AAPL").OrderBy(b => b.Day).Select(b => b.Close).ToArray();
        var returns = closes.Zip(closes.Skip(1), (a, b) => Math.Log(b / a)).ToArray();
        var rolling = Enumerable.Range(0, returns.Length - 60).Select(s => StdDev(returns.AsSpan(s, 60))).ToArray();
        Assert.True(rolling.Max() > 2 * rolling.Order().ElementAt(rolling.Length / 2), "no stressed period in the bundled history");
    }

    [Fact]
    public void Market_factors_move_as_markets_do_volatilities_against_their_underlying_rates_within_a_band()
    {
        Dictionary<DateOnly, double> Closes(string id) => s_file.Value.Bars.Where(b => b.InstrumentId == id).ToDictionary(b => b.Day, b => b.Close);
        var stock = Closes("EQ.AAPL");
        var vol = Closes("VOL.AAPL.1M.ATM");
        var days = vol.Keys.Where(stock.ContainsKey).Order().ToList();
        var stockMoves = days.Zip(days.Skip(1), (a, b) => Math.Log(stock[b] / stock[a])).ToArray();
        var volMoves = days.Zip(days.Skip(1), (a, b) => Math.Log(vol[b] / vol[a])).ToArray();
        Assert.True(Correlation(stockMoves, volMoves) < -0.2, $"implied volatility should rise when its stock falls; correlation {Correlation(stockMoves, volMoves):F2}");

        var stress = days.Where(d => d >= new DateOnly(2025, 4, 1) && d <= new DateOnly(2025, 5, 30)).Average(d => vol[d]);
        var calm = days.Where(d => d.Year == 2024).Average(d => vol[d]);
        Assert.True(stress > 1.5 * calm, $"the stressed period should lift volatility: {stress:F3} vs {calm:F3}");

        var pillar = s_universe.Single(i => i.Id == "IR.USD.10Y");
        var rates = Closes(pillar.Id).Values.Select(p => RiskRadar.Contracts.Instruments.ZeroCouponQuotes.Rate(p, 10)).ToArray();
        Assert.InRange(rates.Min(), 0.0, 0.08);
        Assert.InRange(rates.Max(), 0.0, 0.08);
        Assert.Equal(0.0404, rates[^1], 6);
    }

    [Theory]
    [InlineData("2026-11-27", "2026-12-02", 0)]
    [InlineData("2026-11-27", "2026-12-05", 1)]
    [InlineData("2026-11-27", "2027-11-27", 52)]
    [InlineData("2026-11-27", "2026-11-20", -2)]
    public void Dates_move_by_whole_weeks_to_end_within_a_week_before_today(string last, string today, int weeks)
    {
        var shift = DefaultHistoryLoader.WeeksToShift(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(weeks, shift);
        var moved = DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture).AddDays(7 * shift);
        var now = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(now.DayNumber - moved.DayNumber, 1, 7);
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return sxy / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }

    private static double StdDev(ReadOnlySpan<double> values)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v / values.Length;
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / (values.Length - 1));
    }
}
