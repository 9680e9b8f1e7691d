using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

using RiskRadar.Analytics.Quantiles;

namespace RiskRadar.Analytics.Risk;

/// <summary>
/// Monte Carlo: instrument returns drawn from N(r̄, S) with the sample mean and covariance (Cholesky S = LLᵀ),
/// seeded Mersenne Twister; VaR/ES read off the simulated losses as in historical simulation, then × √h.
/// </summary>
public static class MonteCarloVar
{
    public const int DefaultPaths = 10_000;
    public const int DefaultSeed = 1;
    private const int ChunkPaths = 4096;

    public static VarEs Compute(ReturnMatrix returns, ReadOnlySpan<double> exposures, RiskOptions options, int paths = DefaultPaths, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(options);
        Guard.MinObservations(returns.Observations, 2, nameof(returns));
        Guard.Length(exposures.Length, returns.Count, nameof(exposures));
        Guard.Finite(exposures, nameof(exposures));
        if (paths < 2)
        {
            throw new ArgumentException($"Monte Carlo needs at least 2 paths; got {paths}.", nameof(paths));
        }

        int m = returns.Count;
        double[] mean = Covariance.Means(returns);
        double[] cov = Covariance.Sample(returns);
        Matrix<double> s = Matrix<double>.Build.Dense(m, m, (i, j) => cov[(i * m) + j]);
        Matrix<double> lower;
        try
        {
            lower = s.Cholesky().Factor;
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException("The sample covariance is not positive definite (collinear or constant instruments); Monte Carlo cannot factor it.", nameof(returns), ex);
        }

        // Only the portfolio P&L is needed, and vᵀ(r̄ + Lz) = vᵀr̄ + (Lᵀv)ᵀz, so each path costs m multiplies.
        double mu = 0.0;
        double[] b = new double[m];
        for (int i = 0; i < m; i++)
        {
            mu += exposures[i] * mean[i];
            for (int k = 0; k <= i; k++)
            {
                b[k] += lower[i, k] * exposures[i];
            }
        }

        MersenneTwister rng = new(seed);
        double[] losses = new double[paths];
        double[] z = new double[Math.Min(paths, ChunkPaths) * m];
        for (int start = 0; start < paths; start += ChunkPaths)
        {
            int count = Math.Min(ChunkPaths, paths - start);
            Span<double> draws = z.AsSpan(0, count * m);
            Normal.Samples(rng, z, 0.0, 1.0);
            for (int p = 0; p < count; p++)
            {
                double x = mu;
                ReadOnlySpan<double> zp = draws.Slice(p * m, m);
                for (int k = 0; k < m; k++)
                {
                    x += b[k] * zp[k];
                }

                losses[start + p] = -x;
            }
        }

        return TailRisk.Measure(losses, options.Confidence, options.Rule).Scale(options.SqrtHorizon);
    }
}
