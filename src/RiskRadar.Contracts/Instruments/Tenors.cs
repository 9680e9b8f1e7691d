using System.Globalization;

namespace RiskRadar.Contracts.Instruments;

/// <summary>
/// Tenors as markets write them: a count and a unit, <c>1D</c>, <c>2W</c>, <c>3M</c>, <c>10Y</c>. In years (ACT/365F,
/// the curves' convention): n days n/365, n weeks 7n/365, n months n/12, n years n.
/// </summary>
public static class Tenors
{
    public static bool TryYears(string? tenor, out double years)
    {
        years = 0;
        if (tenor is not { Length: >= 2 and <= 5 }
            || !int.TryParse(tenor.AsSpan(0, tenor.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            || count < 1)
        {
            return false;
        }

        years = char.ToUpperInvariant(tenor[^1]) switch
        {
            'D' => count / 365.0,
            'W' => 7.0 * count / 365.0,
            'M' => count / 12.0,
            'Y' => count,
            _ => 0,
        };
        return years is > 0 and <= 100;
    }

    public static double Years(string tenor) =>
        TryYears(tenor, out double years) ? years : throw new ArgumentException($"'{tenor}' is not a tenor (a count and D, W, M or Y, up to 100 years).", nameof(tenor));
}
