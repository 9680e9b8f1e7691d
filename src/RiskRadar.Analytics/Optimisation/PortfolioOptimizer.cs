using MathNet.Numerics.LinearAlgebra;

using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Optimisation;

/// <summary>Min-variance, max-Sharpe (tangency) and equal-risk-contribution portfolios on sample moments.</summary>
public static class PortfolioOptimizer
{
    // Greedy LP bounds stand in for ±∞ only to find a starting point; the QP itself keeps the true bounds.
    private const double StartingBound = 1e3;

    public static OptimisedPortfolio Optimise(ReturnMoments moments, OptimisationObjective objective, PortfolioConstraints constraints, double riskFreeAnnual = 0.0, int periodsPerYear = PerformanceRatios.DefaultPeriodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(moments);
        ArgumentNullException.ThrowIfNull(constraints);
        Guard.Finite(riskFreeAnnual, nameof(riskFreeAnnual));
        if (periodsPerYear < 1)
        {
            throw new ArgumentException($"Periods per year must be at least 1; got {periodsPerYear}.", nameof(periodsPerYear));
        }

        int n = moments.Count;
        Matrix<double> s = Matrix<double>.Build.Dense(n, n, (i, j) => moments.Covariance[(i * n) + j]);
        double[] mu = [.. moments.Means];
        (double[] lo, double[] hi) = constraints.Resolve(n);
        double rf = riskFreeAnnual / periodsPerYear;
        double[] w = objective switch
        {
            OptimisationObjective.MinimumVariance => MinimumVariance(s, lo, hi),
            OptimisationObjective.MaximumSharpe => MaximumSharpe(s, mu, rf, lo, hi),
            OptimisationObjective.RiskParity => RiskParity.EqualRiskContribution(s, lo, hi),
            _ => throw new ArgumentException($"Unknown objective {objective}.", nameof(objective)),
        };

        return Describe(moments.Instruments, s, mu, w, rf, periodsPerYear);
    }

    private static double[] MinimumVariance(Matrix<double> s, double[] lo, double[] hi)
    {
        int n = lo.Length;
        (double[][] g, double[] b) = BoundRows(lo, hi, homogeneous: false);
        double[] ones = Enumerable.Repeat(1.0, n).ToArray();
        double[] start = WaterFill(lo, hi);
        return ActiveSetQp.Solve(s, new double[n], [ones], [1.0], g, b, start);
    }

    /// <summary>
    /// Tangency via the homogeneous reformulation min yᵀSy s.t. (μ − r_f)ᵀy = 1, bounds scaled by κ = Σy, then
    /// w = y/κ — a convex QP whose solution is the exact Sharpe maximiser under the same constraints.
    /// </summary>
    private static double[] MaximumSharpe(Matrix<double> s, double[] mu, double rf, double[] lo, double[] hi)
    {
        int n = mu.Length;
        double[] excess = mu.Select(m => m - rf).ToArray();
        double scale = excess.Max(Math.Abs);
        if (!(scale > 0.0))
        {
            throw new ArgumentException("Every asset's mean return equals the risk-free rate; the Sharpe ratio is zero for all portfolios.", nameof(mu));
        }

        double[] e = excess.Select(x => x / scale).ToArray();
        double[] best = GreedyMaxReturn(e, lo, hi);
        double bestReturn = Dot(e, best);
        if (!(bestReturn > 0.0))
        {
            throw new ArgumentException("No admissible portfolio earns more than the risk-free rate, so there is no tangency portfolio.", nameof(mu));
        }

        (double[][] g, double[] b) = BoundRows(lo, hi, homogeneous: true);
        double[] start = best.Select(x => x / bestReturn).ToArray();
        double[] y = ActiveSetQp.Solve(s, new double[n], [e], [1.0], g, b, start);
        double kappa = y.Sum();
        if (!(kappa > 1e-12 * y.Max(Math.Abs)))
        {
            throw new ArgumentException("The Sharpe ratio is unbounded under these constraints (the optimum needs zero net investment).", nameof(mu));
        }

        return y.Select(x => x / kappa).ToArray();
    }

    // Rows of G·x ≥ g for the bounds. Homogeneous form (tangency): y_i − l_i·Σy ≥ 0, u_i·Σy − y_i ≥ 0, Σy ≥ 0.
    private static (double[][] Rows, double[] Rhs) BoundRows(double[] lo, double[] hi, bool homogeneous)
    {
        int n = lo.Length;
        List<double[]> rows = [];
        List<double> rhs = [];
        for (int i = 0; i < n; i++)
        {
            if (double.IsFinite(lo[i]))
            {
                double[] a = new double[n];
                if (homogeneous)
                {
                    Array.Fill(a, -lo[i]);
                }

                a[i] += 1.0;
                rows.Add(a);
                rhs.Add(homogeneous ? 0.0 : lo[i]);
            }

            if (double.IsFinite(hi[i]))
            {
                double[] a = new double[n];
                if (homogeneous)
                {
                    Array.Fill(a, hi[i]);
                }

                a[i] -= 1.0;
                rows.Add(a);
                rhs.Add(homogeneous ? 0.0 : -hi[i]);
            }
        }

        if (homogeneous)
        {
            rows.Add(Enumerable.Repeat(1.0, n).ToArray());
            rhs.Add(0.0);
        }

        return ([.. rows], [.. rhs]);
    }

    /// <summary>A fully invested point inside the bounds: start at 1/n clamped, then move the shortfall into slack.</summary>
    private static double[] WaterFill(double[] lo, double[] hi)
    {
        int n = lo.Length;
        double[] w = new double[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = Math.Clamp(1.0 / n, lo[i], hi[i]);
        }

        double gap = 1.0 - w.Sum();
        for (int i = 0; i < n && Math.Abs(gap) > 0.0; i++)
        {
            double room = gap > 0.0 ? hi[i] - w[i] : lo[i] - w[i];
            double move = gap > 0.0 ? Math.Min(gap, room) : Math.Max(gap, room);
            w[i] += move;
            gap -= move;
        }

        return w;
    }

    /// <summary>Maximises eᵀw over the bounded simplex greedily (exact for a box plus one budget row).</summary>
    private static double[] GreedyMaxReturn(double[] e, double[] lo, double[] hi)
    {
        int n = e.Length;
        double[] l = lo.Select(x => Math.Max(x, -StartingBound)).ToArray();
        double[] u = hi.Select(x => Math.Min(x, StartingBound)).ToArray();
        double[] w = (double[])l.Clone();
        double remaining = 1.0 - l.Sum();
        foreach (int i in Enumerable.Range(0, n).OrderByDescending(i => e[i]))
        {
            double add = Math.Min(remaining, u[i] - l[i]);
            w[i] += add;
            remaining -= add;
        }

        return w;
    }

    private static OptimisedPortfolio Describe(IReadOnlyList<string> instruments, Matrix<double> s, double[] mu, double[] w, double rf, int periodsPerYear)
    {
        Vector<double> wv = Vector<double>.Build.DenseOfArray(w);
        Vector<double> sw = s * wv;
        double variance = wv * sw;
        double sigma = Math.Sqrt(variance);
        double mean = Dot(mu, w);
        double rootN = Math.Sqrt(periodsPerYear);
        double[] contributions = w.Select((x, i) => x * sw[i] / variance).ToArray();
        return new OptimisedPortfolio(instruments, w, mean * periodsPerYear, sigma * rootN, (mean - rf) / sigma * rootN, contributions);
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }
}
