using System.Globalization;
using System.Text.Json;

using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;
using RiskRadar.Analytics.Scenarios;

namespace RiskRadar.Analytics.Tests;

/// <summary>
/// Daily scenario sets against tests/fixtures/daily_expected.json (numpy/scipy, generate_daily_fixtures.py): the
/// missing-day rule, the book's rows, FX conversion, √h and overlapping horizons, the stressed window.
/// </summary>
public sealed class DailyScenarioFixtureTests
{
    private const double Rel = 1e-9;

    private static readonly Lazy<ScenarioSet> s_set = new(() =>
    {
        var rows = File.ReadAllLines(Fixtures.PathOf("daily_history.csv")).Skip(1).Select(l => l.Split(','))
            .Select(c => (c[1], DateOnly.ParseExact(c[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), double.Parse(c[2], CultureInfo.InvariantCulture)));
        return ScenarioSetBuilder.Build(DailyHistory.FromRows(rows), new ScenarioSetParameters(500, 1_260, ReturnKind.Simple, Expected.GetProperty("maxFillDays").GetInt32()));
    });

    private static JsonElement Expected { get; } = JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf("daily_expected.json"))).RootElement.Clone();

    public static TheoryData<string> Cases { get; } = [.. Expected.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Book_rows_and_measures_match_numpy(string name)
    {
        var set = s_set.Value;
        var expected = Case(name);
        var positions = expected.GetProperty("positions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var book = BookReturns.Select(set, [.. positions.Keys.Select(id => Column(set, id))], expected.GetProperty("lookback").GetInt32());

        Assert.Equal(expected.GetProperty("included").EnumerateArray().Select(x => x.GetString()), book.Included.Select(i => i.InstrumentId));
        Assert.Equal(expected.GetProperty("withoutHistory").EnumerateArray().Select(x => x.GetString()), book.WithoutHistory);
        Assert.Equal(expected.GetProperty("scenarios").GetInt32(), book.Rows.Count);
        Assert.Equal(Date(expected, "from"), set.Dates[book.Rows[0]]);
        Assert.Equal(Date(expected, "to"), set.Dates[book.Rows[^1]]);

        var exposures = book.Included.Select(i => Exposure(set, i, positions[i.InstrumentId])).ToArray();
        var returns = book.Returns!;
        foreach (var (i, instrument) in book.Included.Select((x, k) => (k, x)))
        {
            Near.Equal(expected.GetProperty("exposures").Number(instrument.InstrumentId), exposures[i], Rel, what: $"{name} exposure {instrument.InstrumentId}");
        }

        AssertVarEs(expected.GetProperty("historical_0.99"), HistoricalVar.Compute(returns, exposures, new RiskOptions(0.99)), $"{name} historical 99");
        AssertVarEs(expected.GetProperty("historical_0.975"), HistoricalVar.Compute(returns, exposures, new RiskOptions(0.975)), $"{name} historical 97.5");
        AssertVarEs(expected.GetProperty("historical_0.99_10d_sqrt"), HistoricalVar.Compute(returns, exposures, new RiskOptions(0.99, 10)), $"{name} 10d sqrt");
        var overlapping = HorizonReturns.Overlapping(returns, 10, ReturnKind.Simple);
        Assert.Equal(expected.GetProperty("overlapping_scenarios").GetInt32(), overlapping.Observations);
        AssertVarEs(expected.GetProperty("historical_0.99_10d_overlapping"), HistoricalVar.Compute(overlapping, exposures, new RiskOptions(0.99)), $"{name} 10d overlapping");
        if (returns.Count > 1)
        {
            var parametric = ParametricVar.FromReturns(returns, exposures, new RiskOptions(0.99));
            AssertVarEs(expected.GetProperty("parametric_0.99_1d"), new(parametric.ValueAtRisk, parametric.ExpectedShortfall), $"{name} parametric", rel: 1e-8);
        }

        var ratios = PerformanceRatios.ForPortfolio(returns, exposures, 0, expected.GetProperty("periods_per_year").GetInt32());
        Near.Equal(expected.Number("volatility"), ratios.Volatility, Rel, what: $"{name} volatility");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stressed_window_is_the_one_numpy_chooses(string name)
    {
        var set = s_set.Value;
        var expected = Case(name);
        var positions = expected.GetProperty("positions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var book = BookReturns.Select(set, [.. positions.Keys.Select(id => Column(set, id))], expected.GetProperty("lookback").GetInt32());
        var history = BookReturns.Available(set, book.Included);
        var exposures = book.Included.Select(i => Exposure(set, i, positions[i.InstrumentId])).ToArray();
        var start = StressedWindow.Find(PortfolioPnl.FromReturns(history.Returns!, exposures), 250, 0.99);
        var stressed = expected.GetProperty("stressed");
        if (stressed.ValueKind == JsonValueKind.Null)
        {
            Assert.Equal(-1, start);
            return;
        }

        Assert.Equal(stressed.GetProperty("available").GetInt32(), history.Rows.Count);
        Assert.Equal(Date(stressed, "from"), set.Dates[history.Rows[start]]);
        Assert.Equal(Date(stressed, "to"), set.Dates[history.Rows[start + 249]]);
        var m = history.Returns!.Count;
        var window = new ReturnMatrix(history.Returns.Instruments, 250, history.Returns.Values.Slice(start * m, 250 * m));
        AssertVarEs(stressed.GetProperty("historical_0.99"), HistoricalVar.Compute(window, exposures, new RiskOptions(0.99)), $"{name} stressed");
    }

    [Fact]
    public void Same_history_gives_the_same_set_id_and_the_codec_round_trips_it()
    {
        var set = s_set.Value;
        var decoded = ScenarioSetCodec.Decode(ScenarioSetCodec.Encode(set));
        Assert.Equal(set.Id, decoded.Id);
        Assert.Equal(set.Fingerprint, decoded.Fingerprint);
        Assert.Equal(set.Dates, decoded.Dates);
        Assert.Equal(set.Instruments, decoded.Instruments);
        for (var t = 0; t < set.Rows; t++)
        {
            for (var i = 0; i < set.Instruments.Count; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(set.Return(t, i)), BitConverter.DoubleToInt64Bits(decoded.Return(t, i)));
                Assert.Equal(set.Observed(t, i), decoded.Observed(t, i));
            }
        }

        var shuffled = File.ReadAllLines(Fixtures.PathOf("daily_history.csv")).Skip(1).Reverse().Select(l => l.Split(','))
            .Select(c => (c[1], DateOnly.ParseExact(c[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), double.Parse(c[2], CultureInfo.InvariantCulture)));
        Assert.Equal(set.Id, ScenarioSetBuilder.Build(DailyHistory.FromRows(shuffled), set.Parameters).Id);
        Assert.StartsWith("daily-20261030-500d-simple-", set.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_close_changes_the_id_and_a_truncated_payload_is_refused()
    {
        var rows = File.ReadAllLines(Fixtures.PathOf("daily_history.csv")).Skip(1).Select(l => l.Split(','))
            .Select(c => (c[1], DateOnly.ParseExact(c[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), double.Parse(c[2], CultureInfo.InvariantCulture))).ToList();
        rows[^1] = (rows[^1].Item1, rows[^1].Item2, rows[^1].Item3 * 1.0001);
        Assert.NotEqual(s_set.Value.Id, ScenarioSetBuilder.Build(DailyHistory.FromRows(rows), s_set.Value.Parameters).Id);
        var bytes = ScenarioSetCodec.Encode(s_set.Value);
        Assert.Throws<InvalidDataException>(() => ScenarioSetCodec.Decode(bytes.AsSpan(0, bytes.Length - 3)));
    }

    private static JsonElement Case(string name) => Expected.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static DateOnly Date(JsonElement e, string name) => DateOnly.ParseExact(e.GetProperty(name).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static BookInstrument Column(ScenarioSet set, string id) =>
        new(id, set.IndexOf(id), id == "EQ.CCC" ? [new FxLeg(set.IndexOf("FX.EURUSD"), false)] : []);

    private static double Exposure(ScenarioSet set, BookInstrument instrument, double quantity) =>
        quantity * set.LastClose(instrument.Column).Close * instrument.Fx.Aggregate(1.0, (rate, leg) => rate * set.LastClose(leg.Column).Close);

    private static void AssertVarEs(JsonElement expected, VarEs actual, string what, double rel = Rel)
    {
        Near.Equal(expected[0].GetDouble(), actual.ValueAtRisk, rel, what: what + " VaR");
        Near.Equal(expected[1].GetDouble(), actual.ExpectedShortfall, rel, what: what + " ES");
    }
}
