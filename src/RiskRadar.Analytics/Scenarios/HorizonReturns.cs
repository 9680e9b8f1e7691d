using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Scenarios;

/// <summary>Multi-day scenarios from daily ones.</summary>
public static class HorizonReturns
{
    /// <summary>
    /// Overlapping <paramref name="days"/>-day returns: row t compounds daily rows t … t+days−1 (simple) or sums them
    /// (log), giving n − days + 1 scenarios from n daily rows.
    /// </summary>
    public static ReturnMatrix Overlapping(ReturnMatrix daily, int days, ReturnKind kind)
    {
        ArgumentNullException.ThrowIfNull(daily);
        Guard.Horizon(days, nameof(days));
        var rows = daily.Observations - days + 1;
        if (rows < 1)
        {
            throw new ArgumentException($"{days}-day overlapping returns need at least {days} daily rows; there are {daily.Observations}.", nameof(days));
        }

        var m = daily.Count;
        var values = new double[rows * m];
        for (var t = 0; t < rows; t++)
        {
            for (var i = 0; i < m; i++)
            {
                var acc = kind == ReturnKind.Log ? 0.0 : 1.0;
                for (var k = 0; k < days; k++)
                {
                    var r = daily[t + k, i];
                    acc = kind == ReturnKind.Log ? acc + r : acc * (1.0 + r);
                }

                values[(t * m) + i] = kind == ReturnKind.Log ? acc : acc - 1.0;
            }
        }

        return new ReturnMatrix(daily.Instruments, rows, values);
    }
}
