using System.Globalization;

namespace RiskRadar.LoadHarness;

/// <summary>Rates and duration of one gateway run; bounded whatever is asked.</summary>
internal sealed record GatewayLoadOptions(int[] CalculateRates, int[] PositionRates, int Seconds, int Connections, string? Output)
{
    public static GatewayLoadOptions Parse(string[] args)
    {
        int[] calculate = [50, 100, 200, 400], positions = [100, 250, 500, 1_000, 2_000];
        int seconds = 10, connections = 64;
        string? output = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--calculate-rates": calculate = Rates(value); break;
                case "--position-rates": positions = Rates(value); break;
                case "--seconds": seconds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--connections": connections = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--out": output = value; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return new GatewayLoadOptions(calculate, positions, Math.Clamp(seconds, 3, 60), Math.Clamp(connections, 1, 512), output);
    }

    private static int[] Rates(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Math.Clamp(int.Parse(v, CultureInfo.InvariantCulture), 1, 50_000))];
}
