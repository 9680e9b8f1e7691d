using System.Numerics.Tensors;

namespace RiskRadar.Analytics.Kernels;

/// <summary>Covariance quadratic form vᵀSv, returning Sv as a by-product for Euler allocation. Allocation-free.</summary>
public static class QuadraticForm
{
    /// <param name="covariance">Row-major m × m symmetric matrix.</param>
    /// <param name="v">Exposure vector of length m.</param>
    /// <param name="sv">Receives S·v (length m).</param>
    public static double Evaluate(ReadOnlySpan<double> covariance, ReadOnlySpan<double> v, Span<double> sv)
    {
        int m = v.Length;
        if (covariance.Length != m * m || sv.Length != m)
        {
            throw new ArgumentException($"Covariance has {covariance.Length} values and the buffer {sv.Length}; expected {m} × {m} and {m}.", nameof(covariance));
        }

        for (int i = 0; i < m; i++)
        {
            sv[i] = TensorPrimitives.Dot(covariance.Slice(i * m, m), v);
        }

        return TensorPrimitives.Dot(v, sv);
    }
}
