using RiskRadar.Analytics.Risk;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Api.Tests;

/// <summary>
/// A fixed, seeded one-minute bar history of the test instruments (fat-tailed: a Student-t-like mix), stored in the
/// time-series store by the fixture and recomputed here for the expected values.
/// </summary>
public static class MarketHistory
{
    public const int BarCount = 400;

    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Bar = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<string> Instruments { get; } = ["EQ.AAA", "EQ.BBB", "EQ.CCC", "CR.BTCUSD", "FX.EURUSD"];

    private static readonly Dictionary<string, double[]> s_closes = Instruments.ToDictionary(i => i, Closes);

    /// <summary>Closes of bars 0..BarCount-1; the first bar has no return.</summary>
    public static double[] Closes(string instrument)
    {
        var seed = instrument.Aggregate(17, (h, c) => (h * 31) + c);
        var random = new Random(seed);
        var (price, volatility) = instrument switch
        {
            "EQ.AAA" => (100.0, 0.002),
            "EQ.BBB" => (50.0, 0.003),
            "EQ.CCC" => (80.0, 0.0025),
            "CR.BTCUSD" => (60_000.0, 0.006),
            _ => (1.08, 0.0007),
        };
        var closes = new double[BarCount];
        for (var t = 0; t < BarCount; t++)
        {
            var shock = (random.NextDouble() - 0.5) * 2 * Math.Sqrt(3) * volatility;
            if (random.NextDouble() < 0.02)
            {
                shock *= 5; // a jump now and then, so tails are fat
            }

            price *= 1 + shock;
            closes[t] = price;
        }

        return closes;
    }

    public static IEnumerable<InstrumentBar> Bars(string instrument)
    {
        var closes = s_closes[instrument];
        for (var t = 0; t < BarCount; t++)
        {
            var start = Start + (Bar * t);
            yield return new InstrumentBar(instrument, start, start + Bar, closes[t], closes[t], closes[t], closes[t], 1, t == 0 ? null : (closes[t] / closes[t - 1]) - 1);
        }
    }

    public static double LastClose(string instrument) => s_closes[instrument][^1];

    /// <summary>
    /// Base-currency (USD) returns of the last <paramref name="lookback"/> bars: a EUR instrument's return compounded
    /// with EURUSD's return of the same bar.
    /// </summary>
    public static ReturnMatrix UsdReturns(IReadOnlyList<string> instruments, IReadOnlyDictionary<string, string> currencies, int lookback)
    {
        var fx = s_closes["FX.EURUSD"];
        var values = new double[lookback * instruments.Count];
        for (var row = 0; row < lookback; row++)
        {
            var t = BarCount - lookback + row;
            for (var i = 0; i < instruments.Count; i++)
            {
                var closes = s_closes[instruments[i]];
                var gross = closes[t] / closes[t - 1];
                if (currencies[instruments[i]] == "EUR")
                {
                    gross *= fx[t] / fx[t - 1];
                }

                values[(row * instruments.Count) + i] = gross - 1;
            }
        }

        return new ReturnMatrix(instruments, lookback, values);
    }
}
