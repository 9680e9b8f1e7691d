using RiskRadar.Analytics.Scenarios;

namespace RiskRadar.StreamProcessor.Tests.Pipeline;

/// <summary>Seeded daily closes (weekdays before a given day) and the scenario set built from them, for pipeline tests.</summary>
internal static class DailyTestHistory
{
    /// <summary>Daily volatility of each instrument's random walk, by the prefix of its id.</summary>
    private static double Volatility(string id) => id.StartsWith("CR.", StringComparison.Ordinal) ? 0.04 : id.StartsWith("FX.", StringComparison.Ordinal) ? 0.005 : 0.015;

    public static List<(string InstrumentId, DateOnly Day, double Close)> Closes(IReadOnlyDictionary<string, double> lastCloses, DateOnly before, int days, int seed)
    {
        var random = new Random(seed);
        var dates = new List<DateOnly>();
        for (var day = before.AddDays(-1); dates.Count < days; day = day.AddDays(-1))
        {
            if (day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                dates.Add(day);
            }
        }

        dates.Reverse();
        var rows = new List<(string, DateOnly, double)>();
        foreach (var (id, last) in lastCloses.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            // Walked backwards from the close the intraday prices continue from.
            var closes = new double[days];
            closes[^1] = last;
            for (var t = days - 2; t >= 0; t--)
            {
                closes[t] = closes[t + 1] * Math.Exp(-Volatility(id) * Normal(random));
            }

            rows.AddRange(dates.Select((day, t) => (id, day, closes[t])));
        }

        return rows;
    }

    public static ScenarioSet Set(IEnumerable<(string InstrumentId, DateOnly Day, double Close)> closes, int lookback) =>
        ScenarioSetBuilder.Build(DailyHistory.FromRows(closes), new ScenarioSetParameters(lookback, lookback));

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

