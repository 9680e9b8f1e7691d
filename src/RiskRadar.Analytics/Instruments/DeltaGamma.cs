using MathNet.Numerics.LinearAlgebra;

using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Instruments;

/// <summary>
/// Delta-gamma VaR for non-linear (option) books on underlyings with spots S and one-period return covariance Σ_r.
/// Price changes ΔS = S∘r have covariance Σ_S = diag(S) Σ_r diag(S) · h; with A = ΓΣ_S the P&amp;L cumulants are
/// κ1 = ½tr A, κ2 = δᵀΣ_Sδ + ½tr A², κ3 = 3δᵀΣ_S A δ + tr A³, κ4 = 12δᵀΣ_S A²δ + 3tr A⁴.
/// </summary>
/// <remarks>
/// The horizon enters through the covariance (× h) rather than a √h scale on VaR: the gamma term is quadratic in
/// ΔS, so scaling VaR by √h would misstate it.
/// </remarks>
public static class DeltaGamma
{
    /// <param name="deltas">Book delta per underlying, ∂V/∂S_j.</param>
    /// <param name="gammas">Row-major Γ_jk = ∂²V/∂S_j∂S_k (symmetric).</param>
    /// <param name="spots">Current underlying prices.</param>
    /// <param name="returnCovariance">Row-major one-period covariance of the underlyings' simple returns.</param>
    public static DeltaGammaRisk Compute(ReadOnlySpan<double> deltas, ReadOnlySpan<double> gammas, ReadOnlySpan<double> spots, ReadOnlySpan<double> returnCovariance, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int m = deltas.Length;
        Guard.MinObservations(m, 1, nameof(deltas));
        Guard.Length(gammas.Length, m * m, nameof(gammas));
        Guard.Length(spots.Length, m, nameof(spots));
        Guard.Length(returnCovariance.Length, m * m, nameof(returnCovariance));
        Guard.Finite(deltas, nameof(deltas));
        Guard.Finite(gammas, nameof(gammas));
        Guard.Finite(returnCovariance, nameof(returnCovariance));
        foreach (double s in spots)
        {
            Guard.Positive(s, nameof(spots));
        }

        double[] g = gammas.ToArray();
        double[] sc = returnCovariance.ToArray();
        double[] sp = spots.ToArray();
        int h = options.Horizon;
        Matrix<double> sigma = Matrix<double>.Build.Dense(m, m, (i, j) => sp[i] * sp[j] * sc[(i * m) + j] * h);
        Matrix<double> gamma = Matrix<double>.Build.Dense(m, m, (i, j) => g[(i * m) + j]);
        Vector<double> delta = Vector<double>.Build.DenseOfArray(deltas.ToArray());

        Matrix<double> a = gamma * sigma;
        Matrix<double> a2 = a * a;
        Vector<double> sd = sigma * delta;
        double k1 = 0.5 * a.Trace();
        double deltaVariance = delta * sd;
        double k2 = deltaVariance + (0.5 * a2.Trace());
        double k3 = (3.0 * (sd * (a * delta))) + (a2 * a).Trace();
        double k4 = (12.0 * (sd * (a2 * delta))) + (3.0 * (a2 * a2).Trace());
        if (!(k2 > 0.0))
        {
            throw new ArgumentException("The delta-gamma P&L has zero variance.", nameof(deltas));
        }

        double skew = k3 / Math.Pow(k2, 1.5);
        double kurt = k4 / (k2 * k2);
        double z = NormalDistribution.Quantile(options.Confidence);
        double deltaNormal = z * Math.Sqrt(deltaVariance);
        double dgNormal = (z * Math.Sqrt(k2)) - k1;
        RiskOptions oneShot = new(options.Confidence, 1, options.Rule);
        double cf = CornishFisherVar.FromMoments(k1, Math.Sqrt(k2), skew, kurt, oneShot).ValueAtRisk;
        return new DeltaGammaRisk(k1, k2, skew, kurt, deltaNormal, dgNormal, cf);
    }
}
