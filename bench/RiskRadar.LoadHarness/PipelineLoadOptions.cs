using System.Globalization;

namespace RiskRadar.LoadHarness;

/// <summary>Shape and load of one pipeline run; bounded whatever is asked.</summary>
/// <param name="JsonTicks">Write <c>market.prices</c> as JSON instead of the binary layout, to compare the two.</param>
/// <param name="LingerMs">The tick generator's producer linger (Ingestion's default is 5 ms).</param>
/// <param name="StreamThreads">The topology's stream threads (<c>StreamProcessor:StreamThreads</c>).</param>
/// <param name="Watched">Portfolios a client watches live (their value follows every tick), spread over the book.</param>
/// <param name="PollMs">How long a stream thread gathers records before processing them (Streamiz <c>PollMs</c>).</param>
/// <param name="FetchWaitMs">The topology's consumers' <c>fetch.wait.max.ms</c> (the development broker holds an empty fetch that long).</param>
/// <param name="BinaryBookInputs">Write the book topic in the binary layout instead of JSON (the default), to compare the two.</param>
/// <param name="LiveValues">Run the live value engine (it reads every tick again), as the service does by default.</param>
/// <param name="LiveMinIntervalMs">The shortest time between two figures of one watched book (<c>LiveValues:MinInterval</c>).</param>
/// <param name="OptionShare">The share of each portfolio's positions held in options (0 to 0.5; see <see cref="ContractUniverse"/>).</param>
internal sealed record PipelineLoadOptions(
    int Instruments, int Portfolios, int PositionsPerPortfolio, int TicksPerSecond, int Seconds, string? Output, string? Json = null, bool JsonTicks = false,
    int LingerMs = 5, int StreamThreads = 1, int Watched = 100, int PollMs = 100, int FetchWaitMs = 500, bool BinaryBookInputs = false, bool LiveValues = true, int LiveMinIntervalMs = 20,
    double OptionShare = 0)
{
    public static PipelineLoadOptions Parse(string[] args)
    {
        int instruments = 500, portfolios = 1_000, positions = 20, rate = 1_000, seconds = 30, linger = 5, threads = 1, watched = 100, poll = 100, fetchWait = 500,
            minInterval = 20;
        string? output = null, json = null;
        bool jsonTicks = false, binaryBookInputs = false, liveValues = true;
        var optionShare = 0.0;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--instruments": instruments = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--portfolios": portfolios = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--positions": positions = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rate": rate = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--out": output = value; break;
                case "--json": json = value; break;
                case "--tick-encoding" when value is "json" or "binary": jsonTicks = value == "json"; break;
                case "--book-encoding" when value is "json" or "binary": binaryBookInputs = value == "binary"; break;
                case "--live-values" when value is "on" or "off": liveValues = value == "on"; break;
                case "--live-min-interval-ms": minInterval = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--linger-ms": linger = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--stream-threads": threads = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--watched": watched = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--poll-ms": poll = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--fetch-wait-ms": fetchWait = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--option-share": optionShare = double.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        instruments = Math.Clamp(instruments, 1, 5_000);
        return new PipelineLoadOptions(
            instruments,
            Math.Clamp(portfolios, 1, 100_000),
            Math.Clamp(positions, 1, Math.Min(100, instruments)),
            Math.Clamp(rate, 1, 200_000),
            Math.Clamp(seconds, 5, 120),
            output,
            json,
            jsonTicks,
            Math.Clamp(linger, 0, 1_000),
            Math.Clamp(threads, 1, 6),
            Math.Clamp(watched, 0, Math.Min(1_000, Math.Clamp(portfolios, 1, 100_000))),
            Math.Clamp(poll, 1, 1_000),
            Math.Clamp(fetchWait, 1, 1_000),
            binaryBookInputs,
            liveValues,
            Math.Clamp(minInterval, 0, 10_000),
            Math.Clamp(optionShare, 0, 0.5));
    }
}
