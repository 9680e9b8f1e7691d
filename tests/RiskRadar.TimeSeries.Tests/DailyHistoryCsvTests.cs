using RiskRadar.Contracts.Instruments;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.TimeSeries.Tests;

public sealed class DailyHistoryCsvTests
{
    private static readonly DateOnly s_today = new(2026, 12, 1);
    private static readonly HashSet<string> s_known = ["EQ.A", "EQ.B", "FX.EURUSD"];

    private static DailyHistoryFile Parse(string text) => DailyHistoryCsv.Parse(new StringReader(text), s_known.Contains, s_today, 1_000);

    [Fact]
    public void The_long_layout_reads_quoted_fields_grouped_thousands_and_optional_ohlc()
    {
        var file = Parse("Date,Instrument,Close,Open,High,Low\r\n\"2026-11-02\",\"EQ.A\",\"1,000.5\",990,1010,985\n2026-11-03,EQ.A,1001,,,\n\n");
        Assert.True(file.IsValid, string.Join("; ", file.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.Equal([new DailyBar("EQ.A", new(2026, 11, 2), 1000.5, 990, 1010, 985), new DailyBar("EQ.A", new(2026, 11, 3), 1001)], file.Bars);
    }

    [Fact]
    public void The_wide_layout_takes_an_empty_cell_as_no_close_and_names_bad_columns()
    {
        var file = Parse("date,EQ.A,FX.EURUSD\n2026-11-02,10,1.08\n2026-11-03,,1.09\n");
        Assert.Equal(3, file.Bars.Count);
        var bad = Parse("date,EQ.A,EQ.ZZZ,EQ.A\n2026-11-02,10,1,2\n");
        Assert.Empty(bad.Bars);
        Assert.Equal(["Column 3: unknown instrument 'EQ.ZZZ'; add it to the instrument master first.", "Column 4: EQ.A is already a column."], bad.Errors["line 1"]);
        var badCell = Parse("date,EQ.A,EQ.B\n2026-11-02,10,x\n2026-11-02,11,12\n");
        Assert.Equal(["'x' is not a number."], badCell.Errors["line 2.EQ.B"]);
        Assert.Contains("already given on line 2", badCell.Errors["line 3.EQ.A"][0], StringComparison.Ordinal);
        Assert.Empty(badCell.Bars);
    }

    [Fact]
    public void A_header_of_neither_layout_or_an_unterminated_quote_is_an_error_not_a_crash()
    {
        Assert.Contains("The header must be", Parse("when,what\n2026-11-02,1\n").Errors["line 1"][0], StringComparison.Ordinal);
        Assert.False(Parse("").IsValid);
        // An unterminated quote runs to the end of the file: the swallowed lines make the cell no number.
        Assert.Contains("is not a number", Parse("date,EQ.A\n2026-11-02,\"10\n2026-11-03,11\n").Errors["line 2.EQ.A"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void More_errors_than_the_list_holds_are_counted_and_too_many_bars_are_refused()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 150).Select(k => $"2026-01-{1 + (k % 28):00},EQ.A,-1"));
        var file = Parse("date,instrument,close\n" + lines);
        Assert.Equal(101, file.Errors.Count);
        Assert.Contains("more errors", file.Errors["$"][^1], StringComparison.Ordinal);
        var big = DailyHistoryCsv.Parse(new StringReader("date,EQ.A\n2026-11-02,1\n2026-11-03,1\n2026-11-04,1\n"), s_known.Contains, s_today, 2);
        Assert.Contains("At most 2 bars", big.Errors["$"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_curve_pillars_rates_are_stored_as_zero_coupon_prices_whose_moves_give_back_the_rate_changes()
    {
        HashSet<string> known = ["EQ.A", "IR.EUR.5Y"];
        var file = DailyHistoryCsv.Parse(
            new StringReader("date,instrument,close,open,high,low\n2026-11-02,IR.EUR.5Y,-0.0025,-0.0031,-0.0012,-0.0040\n2026-11-03,IR.EUR.5Y,0.0010,,,\n2026-11-03,EQ.A,12,,,\n"),
            known.Contains, s_today, 1_000, id => id == "IR.EUR.5Y" ? Tenors.Years("5Y") : null);
        Assert.True(file.IsValid, string.Join("; ", file.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var first = file.Bars[0];
        Assert.Equal(100 * Math.Exp(0.0025 * 5), first.Close, 12);
        Assert.Equal(100 * Math.Exp(0.0040 * 5), first.High!.Value, 12);
        Assert.Equal(100 * Math.Exp(0.0012 * 5), first.Low!.Value, 12);
        Assert.Equal(12, file.Bars[2].Close);

        var priceReturn = (file.Bars[1].Close / first.Close) - 1;
        Assert.Equal(0.0035, ZeroCouponQuotes.RateMove(priceReturn, 5), 14);
        Assert.Equal(-0.0025, ZeroCouponQuotes.Rate(first.Close, 5), 14);

        var wide = DailyHistoryCsv.Parse(new StringReader("date,IR.EUR.5Y\n2026-11-02,1.5\n"), known.Contains, s_today, 1_000, _ => 5);
        Assert.Contains("not a zero rate", wide.Errors["line 2.IR.EUR.5Y"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1D", 1 / 365.0)]
    [InlineData("2W", 14 / 365.0)]
    [InlineData("3M", 0.25)]
    [InlineData("18M", 1.5)]
    [InlineData("30Y", 30.0)]
    public void Tenors_read_as_markets_write_them(string tenor, double years) => Assert.Equal(years, Tenors.Years(tenor), 15);

    [Theory]
    [InlineData("")]
    [InlineData("Y")]
    [InlineData("0M")]
    [InlineData("-1Y")]
    [InlineData("3Q")]
    [InlineData("101Y")]
    public void Anything_else_is_not_a_tenor(string tenor) => Assert.False(Tenors.TryYears(tenor, out _));
}
