using System.Numerics.Tensors;

using RiskRadar.Analytics.Kernels;
using RiskRadar.Analytics.Quantiles;

namespace RiskRadar.Analytics.Risk;

/// <summary>Historical simulation: VaR is the loss quantile of the replayed scenario P&amp;L, ES the mean beyond it; both × √h.</summary>
public static class HistoricalVar
{
    public static VarEs Compute(ReturnMatrix returns, ReadOnlySpan<double> exposures, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(options);
        Guard.Length(exposures.Length, returns.Count, nameof(exposures));
        Guard.Finite(exposures, nameof(exposures));
        // Instrument-major: a handful of long contiguous rows, the form a book's returns are gathered in.
        double[] losses = new double[returns.Observations];
        ScenarioPnl.ComputeTransposed(returns.InstrumentMajor, returns.Observations, exposures, losses);
        TensorPrimitives.Negate(losses, losses);
        return TailRisk.Measure(losses, options.Confidence, options.Rule).Scale(options.SqrtHorizon);
    }

    /// <summary>
    /// Allocation-free kernel over a row-major scenario matrix; <paramref name="scratch"/> (one slot per scenario)
    /// receives the losses in selection order.
    /// </summary>
    public static VarEs Compute(ReadOnlySpan<double> scenarios, int instruments, ReadOnlySpan<double> exposures, RiskOptions options, Span<double> scratch)
    {
        ArgumentNullException.ThrowIfNull(options);
        ScenarioPnl.Compute(scenarios, instruments, exposures, scratch);
        TensorPrimitives.Negate(scratch, scratch);
        return TailRisk.Measure(scratch, options.Confidence, options.Rule).Scale(options.SqrtHorizon);
    }

    /// <summary>VaR and ES of a P&amp;L series already computed (losses are its negation).</summary>
    public static VarEs FromPnl(ReadOnlySpan<double> pnl, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Guard.MinObservations(pnl.Length, 1, nameof(pnl));
        Guard.Finite(pnl, nameof(pnl));
        double[] losses = new double[pnl.Length];
        TensorPrimitives.Negate(pnl, losses);
        return TailRisk.Measure(losses, options.Confidence, options.Rule).Scale(options.SqrtHorizon);
    }
}
