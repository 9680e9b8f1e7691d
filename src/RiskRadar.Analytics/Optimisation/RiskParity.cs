using MathNet.Numerics.LinearAlgebra;

namespace RiskRadar.Analytics.Optimisation;

/// <summary>
/// Equal risk contribution by Newton's method on the strictly convex f(y) = ½yᵀSy − (1/n)Σ ln yᵢ (Spinu 2013):
/// its minimiser satisfies yᵢ(Sy)ᵢ = 1/n, so w = y/Σy has equal contributions wᵢ(Sw)ᵢ. Quadratic convergence
/// takes it to machine precision in a handful of steps.
/// </summary>
internal static class RiskParity
{
    private const int MaxIterations = 200;

    public static double[] EqualRiskContribution(Matrix<double> covariance, double[] lo, double[] hi)
    {
        int n = lo.Length;
        double diagonalMean = covariance.Diagonal().Average();
        if (!(diagonalMean > 0.0))
        {
            throw new ArgumentException("Covariance has no positive variances; risk parity is undefined.", nameof(covariance));
        }

        // Scaling S changes y by a constant factor only, and keeps the Newton tolerances meaningful.
        Matrix<double> s = covariance / diagonalMean;
        double b = 1.0 / n;
        Vector<double> y = Vector<double>.Build.Dense(n, i => 1.0 / Math.Sqrt(s[i, i]) / n);
        double fy = Objective(s, y, b);
        for (int iter = 0; iter < MaxIterations; iter++)
        {
            Vector<double> sy = s * y;
            Vector<double> gradient = sy - y.Map(v => b / v);
            Matrix<double> hessian = s + Matrix<double>.Build.DenseOfDiagonalVector(y.Map(v => b / (v * v)));
            Vector<double> step = -hessian.Cholesky().Solve(gradient);
            double decrement = -(gradient * step);
            if (decrement < 1e-28)
            {
                break;
            }

            double alpha = 1.0;
            Vector<double> trial = y + (alpha * step);
            while (trial.Min() <= 0.0 || Objective(s, trial, b) > fy)
            {
                alpha *= 0.5;
                if (alpha < 1e-20)
                {
                    break;
                }

                trial = y + (alpha * step);
            }

            y = trial;
            fy = Objective(s, y, b);
        }

        double total = y.Sum();
        double[] w = [.. y / total];
        for (int i = 0; i < n; i++)
        {
            if (w[i] < lo[i] - 1e-12 || w[i] > hi[i] + 1e-12)
            {
                throw new ArgumentException($"The equal-risk-contribution portfolio puts {w[i]} in asset {i}, outside its bounds [{lo[i]}, {hi[i]}].", nameof(lo));
            }
        }

        return w;
    }

    private static double Objective(Matrix<double> s, Vector<double> y, double b)
    {
        double logSum = 0.0;
        foreach (double v in y)
        {
            logSum += Math.Log(v);
        }

        return (0.5 * (y * (s * y))) - (b * logSum);
    }
}
