using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Scenarios;

/// <summary>The stressed period of a book (Basel 2.5 stressed VaR): the window of its history where its VaR was highest.</summary>
public static class StressedWindow
{
    /// <returns>
    /// The first row of the <paramref name="length"/>-row window whose historical 1-period VaR at
    /// <paramref name="confidence"/> of the book's P&amp;L is largest (the earliest such window on a tie), or −1 when
    /// the history is shorter than one window.
    /// </returns>
    public static int Find(ReadOnlySpan<double> pnl, int length, double confidence)
    {
        Guard.MinObservations(length, 1, nameof(length));
        Guard.Confidence(confidence);
        if (pnl.Length < length)
        {
            return -1;
        }

        var losses = new double[length];
        var options = new RiskOptions(confidence);
        var best = -1;
        var worst = double.NegativeInfinity;
        for (var start = 0; start + length <= pnl.Length; start++)
        {
            for (var k = 0; k < length; k++)
            {
                losses[k] = -pnl[start + k];
            }

            var valueAtRisk = TailRisk.Quantile(losses, options.Confidence, options.Rule);
            if (valueAtRisk > worst)
            {
                worst = valueAtRisk;
                best = start;
            }
        }

        return best;
    }
}
