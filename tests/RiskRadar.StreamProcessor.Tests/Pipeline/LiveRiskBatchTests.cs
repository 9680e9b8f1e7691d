using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Pipeline.Portfolios;

namespace RiskRadar.StreamProcessor.Tests.Pipeline;

/// <summary>
/// The provisional refresh's batched risk against the window path's one book at a time: the same figures, bit for
/// bit, for books that share rows and books that do not, foreign holdings, short histories, and after a book's
/// holdings or the scenario set change under the cached layouts.
/// </summary>
public sealed class LiveRiskBatchTests
{
    private static readonly PipelineOptions Options = new() { MinScenarios = 20 };

    private static readonly Dictionary<string, InstrumentReference> References = new(StringComparer.Ordinal)
    {
        ["EQ.A"] = new("EQ.A", "EQ.A", AssetClasses.Equity, "USD", 1.0),
        ["EQ.B"] = new("EQ.B", "EQ.B", AssetClasses.Equity, "USD", 1.0),
        ["EQ.E"] = new("EQ.E", "EQ.E", AssetClasses.Equity, "EUR", 1.0),
        ["EQ.N"] = new("EQ.N", "EQ.N", AssetClasses.Equity, "USD", 1.0),
        ["CR.C"] = new("CR.C", "CR.C", AssetClasses.Crypto, "USD", 1.0),
        ["FX.EURUSD"] = new("FX.EURUSD", "FX.EURUSD", AssetClasses.Fx, "USD", 1.0),
    };

    private static readonly Dictionary<string, PositionValue[]> Books = new(StringComparer.Ordinal)
    {
        ["P-EQ"] = [new("EQ.A", 10, 101), new("EQ.B", -5, 49)],
        ["P-EQ2"] = [new("EQ.B", 7, 49.5), new("EQ.A", 3, 100.5)],
        ["P-MIX"] = [new("EQ.A", 10, 101), new("CR.C", 0.5, 61_000)],
        ["P-FX"] = [new("EQ.E", 100, 52), new("EQ.A", 1, 101)],
        ["P-SHORT"] = [new("EQ.N", 100, 20)],
        ["P-SHORT-MIX"] = [new("EQ.A", 10, 101), new("EQ.N", 100, 20)],
        ["P-UNKNOWN"] = [new("EQ.X", 1, 1), new("EQ.B", 2, 50)],
        ["P-FLAT"] = [new("EQ.A", 10, 100), new("EQ.B", -20, 50)],
    };

    [Fact]
    public void Batched_figures_equal_the_window_paths_bit_for_bit()
    {
        var set = Set(seed: 1);
        var batch = new LiveRiskBatch();

        AssertSame(batch, set, Books);
        Assert.Equal(Books.Count, batch.Layouts);
        batch.Forget("P-EQ"); // closed out
        Assert.Equal(Books.Count - 1, batch.Layouts);
        AssertSame(batch, set, Books);
    }

    [Fact]
    public void Cached_layouts_follow_new_prices_new_holdings_and_a_new_set()
    {
        var batch = new LiveRiskBatch();
        var set = Set(seed: 1);
        AssertSame(batch, set, Books);

        // Prices move: the layouts stay, the exposures are new.
        var moved = Books.ToDictionary(b => b.Key, b => b.Value.Select(p => p with { Price = p.Price * 1.07 }).ToArray(), StringComparer.Ordinal);
        AssertSame(batch, set, moved);

        // A book takes on crypto (new rows) and a foreign listing (a new converted series); another closes one.
        moved["P-EQ"] = [.. moved["P-EQ"], new("CR.C", -0.1, 60_500), new("EQ.E", 3, 51)];
        moved["P-MIX"] = [moved["P-MIX"][0]];
        AssertSame(batch, set, moved);

        // A new set (the next day's): every layout is worked out again over it.
        AssertSame(batch, Set(seed: 2), moved);
    }

    private static void AssertSame(LiveRiskBatch batch, ScenarioSet set, Dictionary<string, PositionValue[]> books)
    {
        var market = new Market();
        var fx = new Fx();
        var ids = books.Keys.Order(StringComparer.Ordinal).ToArray();
        var inputs = ids.Select(id => (id, "USD", BookValuation.Of("USD", 0, books[id], market, fx, set))).ToList();
        var batched = batch.Measure(inputs, set, Options);

        for (var b = 0; b < ids.Length; b++)
        {
            var expected = PortfolioRisk.Measure("USD", 0, books[ids[b]], market, fx, set, Options);
            var actual = batched[b];
            Assert.True(expected.At99 is not null || ids[b] is "P-SHORT", $"{ids[b]} has no VaR on the window path");
            Assert.Equal(expected.MarketValue, actual.MarketValue);
            Assert.Equal(expected.At95, actual.At95);
            Assert.Equal(expected.At975, actual.At975);
            Assert.Equal(expected.At99, actual.At99);
            Assert.Equal(expected.Ratios, actual.Ratios);
            Assert.Equal(expected.Scenarios, actual.Scenarios);
            Assert.Equal(expected.Positions, actual.Positions);
            Assert.Equal(expected.InstrumentsWithoutHistory, actual.InstrumentsWithoutHistory);
            Assert.Equal(expected.ExposureByAssetClass, actual.ExposureByAssetClass);
        }
    }

    /// <summary>
    /// 90 calendar days: equities and the FX pair on weekdays, crypto every day, EQ.N only for the last 15 weekdays
    /// (too short for the lookback), so the books fall into different row sets.
    /// </summary>
    private static ScenarioSet Set(int seed)
    {
        var random = new Random(seed);
        var rows = new List<(string, DateOnly, double)>();
        var last = new Dictionary<string, double> { ["EQ.A"] = 100, ["EQ.B"] = 50, ["EQ.E"] = 50, ["EQ.N"] = 20, ["CR.C"] = 60_000, ["FX.EURUSD"] = 1.08 };
        var start = new DateOnly(2026, 8, 1);
        for (var d = 0; d < 90; d++)
        {
            var day = start.AddDays(d);
            var weekday = day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday;
            foreach (var id in last.Keys.Order(StringComparer.Ordinal).ToArray())
            {
                var trades = id.StartsWith("CR.", StringComparison.Ordinal) || (weekday && (id != "EQ.N" || d >= 69));
                if (trades)
                {
                    last[id] *= Math.Exp(0.02 * (random.NextDouble() - 0.5));
                    rows.Add((id, day, last[id]));
                }
            }
        }

        return ScenarioSetBuilder.Build(DailyHistory.FromRows(rows), new ScenarioSetParameters(40, 40));
    }

    private sealed class Market : IMarketData
    {
        public InstrumentReference? Reference(string instrumentId) => References.GetValueOrDefault(instrumentId);
    }

    private sealed class Fx : IFxRates
    {
        public bool Quotes(string pairId) => pairId == "FX.EURUSD";

        public double? RateAt(string pairId, long time) => pairId == "FX.EURUSD" ? 1.09 : null;
    }
}
