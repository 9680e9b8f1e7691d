using System.Globalization;

namespace RiskRadar.IntegrationTests;

/// <summary>Appends figures measured while testing to artifacts/measurements.txt, for the closing note and CI logs.</summary>
internal static class Measurements
{
    public static void Record(string name, double value)
    {
        var directory = Environment.GetEnvironmentVariable("RISKRADAR_ARTIFACTS")
            ?? Path.Combine(Path.GetTempPath(), "riskradar-artifacts");
        Directory.CreateDirectory(directory);
        File.AppendAllText(
            Path.Combine(directory, "measurements.txt"),
            string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} {name}={value:F3}{Environment.NewLine}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MEASURED {name}={value:F3}"));
    }
}
