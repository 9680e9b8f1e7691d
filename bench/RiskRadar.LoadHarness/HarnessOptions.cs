using System.Globalization;

namespace RiskRadar.LoadHarness;

internal sealed record HarnessOptions(int Messages, int[] Sizes, string? Output)
{
    public static HarnessOptions Parse(string[] args)
    {
        var messages = 200_000;
        int[] sizes = [100, 1024];
        string? output = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--messages":
                    messages = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--sizes":
                    sizes = [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                case "--out":
                    output = args[i + 1];
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        // Bounded by construction: a run can never send more than this, whatever it is asked.
        return new HarnessOptions(Math.Clamp(messages, 1, 2_000_000), sizes, output);
    }
}
