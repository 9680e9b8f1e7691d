using System.Text.Json.Serialization.Metadata;

namespace RiskRadar.Cli.Output;

internal static class ReportWriter
{
    public static int Write<T>(TextWriter output, bool json, T report, JsonTypeInfo<T> typeInfo, Func<T, TableWriter> table)
    {
        if (json)
        {
            output.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, typeInfo));
        }
        else
        {
            table(report).WriteTo(output);
        }

        return ExitCodes.Success;
    }

    /// <summary>JSON has no infinity or NaN; an undefined ratio is reported as null.</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
