using RiskRadar.Analytics.Kernels;

namespace RiskRadar.Analytics.Risk;

/// <summary>Scenario P&amp;L X[t] = Σ v[i]·r[t,i] of a portfolio with market values v.</summary>
public static class PortfolioPnl
{
    public static double[] FromReturns(ReturnMatrix returns, ReadOnlySpan<double> exposures)
    {
        ArgumentNullException.ThrowIfNull(returns);
        Guard.Length(exposures.Length, returns.Count, nameof(exposures));
        Guard.Finite(exposures, nameof(exposures));
        double[] pnl = new double[returns.Observations];
        ScenarioPnl.ComputeTransposed(returns.InstrumentMajor, returns.Observations, exposures, pnl);
        return pnl;
    }
}
