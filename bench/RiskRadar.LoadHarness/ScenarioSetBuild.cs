using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Testing;
using RiskRadar.TimeSeries;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.LoadHarness;

/// <summary>
/// Building a daily scenario set from the store: a local PostgreSQL holding <c>instruments</c> × (lookback + 6) days
/// of daily closes, then <c>runs</c> times the read (<see cref="DailyBarStore.ReadHistoryAsync"/>) and
/// the build (<see cref="ScenarioSetBuilder"/>), each timed; the median of each and of their sum are reported.
/// </summary>
internal static class ScenarioSetBuild
{
    public static async Task<int> RunAsync(string[] args)
    {
        var instruments = 5_000;
        var lookback = 500;
        var runs = 5;
        string? output = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--instruments": instruments = Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), 1, 20_000); break;
                case "--lookback": lookback = Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), 20, 5_000); break;
                case "--runs": runs = Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), 1, 20); break;
                case "--out": output = args[i + 1]; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        await using var postgres = await LocalPostgres.StartAsync();
        await using var dataSource = postgres.CreateDataSource();
        await TimeSeriesSchema.EnsureHistoryCreatedAsync(dataSource);
        var store = new DailyBarStore(dataSource);
        var parameters = new ScenarioSetParameters(lookback, lookback);
        var days = lookback + 1 + parameters.MaxFillDays;
        var first = new DateOnly(2024, 1, 1);
        var rng = new Random(20261202);
        var seeding = Stopwatch.StartNew();
        for (var start = 0; start < instruments; start += 100)
        {
            var bars = new List<DailyBar>(100 * days);
            for (var i = start; i < Math.Min(instruments, start + 100); i++)
            {
                var price = 100.0;
                for (var d = 0; d < days; d++)
                {
                    price *= Math.Exp(0.02 * (rng.NextDouble() - 0.5));
                    bars.Add(new DailyBar($"EQ.B{i:D5}", first.AddDays(d), price));
                }
            }

            await store.ReplaceAsync(bars, DailyBarSources.Import, default);
        }

        Console.Error.WriteLine($"seeded {instruments:N0} instruments × {days} days in {seeding.Elapsed.TotalSeconds:0.0} s");
        await using (var analyze = dataSource.CreateCommand("vacuum analyze instrument_daily_bars"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var read = new List<double>();
        var build = new List<double>();
        string? id = null;
        for (var run = 0; run < runs + 1; run++)
        {
            var watch = Stopwatch.StartNew();
            var (history, _) = await store.ReadHistoryAsync(days, default);
            var readMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var set = ScenarioSetBuilder.Build(history, parameters);
            var buildMs = watch.Elapsed.TotalMilliseconds;
            id = set.Id;
            // The first run warms the JIT and PostgreSQL's buffers; it is not counted.
            if (run > 0)
            {
                read.Add(readMs);
                build.Add(buildMs);
            }

            Console.Error.WriteLine($"run {run}: read {readMs:0} ms, build {buildMs:0} ms ({set.Instruments.Count} × {set.Rows})");
        }

        var total = read.Zip(build, (r, b) => r + b).ToList();
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Scenario set from the store: {instruments:N0} instruments × {lookback} daily returns ({instruments * days:N0} bars), {runs} runs after one warm-up, medians")
            .AppendLine()
            .AppendLine("| step | median | min | max |")
            .AppendLine("|---|---:|---:|---:|")
            .AppendLine(Row("read", read))
            .AppendLine(Row("build", build))
            .AppendLine(Row("read + build", total))
            .ToString();
        Console.Write(report);
        if (output is not null)
        {
            if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            await File.WriteAllTextAsync(output, report);
            await File.WriteAllTextAsync(Path.ChangeExtension(output, ".json"), JsonSerializer.Serialize(new
            {
                instruments,
                lookback,
                bars = instruments * days,
                runs,
                setId = id,
                readMedianMs = Median(read),
                buildMedianMs = Median(build),
                totalMedianMs = Median(total),
            }));
        }

        return 0;
    }

    private static string Row(string step, List<double> ms) =>
        string.Create(CultureInfo.InvariantCulture, $"| {step} | {Median(ms):0} ms | {ms.Min():0} ms | {ms.Max():0} ms |");

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
