using System.Diagnostics;

namespace RiskRadar.LoadHarness;

/// <summary>The outcome of one fixed-rate run.</summary>
internal sealed record LoadResult(int Target, int Sent, int Succeeded, int Failed, double Seconds, double P50, double P95, double P99, double Max)
{
    public double Achieved => Succeeded / Seconds;
}

/// <summary>
/// Sends requests at a fixed rate whatever the responses do (open loop, like wrk2), and measures each latency from the
/// moment the request was due, not from when it went out, so a stalled server is not hidden by the generator waiting
/// for it (coordinated omission). Bounded: at most <c>rate × seconds</c> requests.
/// </summary>
internal static class OpenLoopLoad
{
    public static async Task<LoadResult> RunAsync(int rate, TimeSpan duration, Func<int, CancellationToken, Task<bool>> send)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var ok = new bool[total];
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(total);
        using var abort = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    ok[index] = await send(index, abort.Token);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
                {
                    ok[index] = false;
                }

                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(inFlight);
        var seconds = clock.Elapsed.TotalSeconds;
        var succeeded = latencies.Where((_, i) => ok[i]).Order().ToArray();
        return new LoadResult(rate, total, succeeded.Length, total - succeeded.Length, seconds,
            Percentile(succeeded, 0.50), Percentile(succeeded, 0.95), Percentile(succeeded, 0.99), succeeded.Length > 0 ? succeeded[^1] : double.NaN);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
