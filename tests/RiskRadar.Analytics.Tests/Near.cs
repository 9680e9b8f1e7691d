namespace RiskRadar.Analytics.Tests;

/// <summary>Tolerance assertions: |actual − expected| ≤ abs + rel·|expected|, with the numbers in the message.</summary>
internal static class Near
{
    public static void Equal(double expected, double actual, double rel, double abs = 0.0, string? what = null)
    {
        double tol = abs + (rel * Math.Abs(expected));
        Assert.True(
            Math.Abs(actual - expected) <= tol,
            $"{what ?? "value"}: expected {expected:R}, got {actual:R} (diff {actual - expected:E3}, tolerance {tol:E3})");
    }
}
