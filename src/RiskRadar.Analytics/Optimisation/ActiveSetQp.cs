using MathNet.Numerics.LinearAlgebra;

namespace RiskRadar.Analytics.Optimisation;

/// <summary>
/// Primal active-set method for the small dense convex QP min ½xᵀQx + cᵀx s.t. Ex = e, Gx ≥ g, from a feasible
/// start (Nocedal &amp; Wright, Algorithm 16.3). Each step solves the KKT system of the working set exactly, so the
/// answer is exact up to the conditioning of that system rather than an iterative tolerance.
/// </summary>
internal static class ActiveSetQp
{
    public static double[] Solve(Matrix<double> q, double[] c, double[][] equalities, double[] equalityRhs, double[][] inequalities, double[] inequalityRhs, double[] start)
    {
        int n = c.Length;
        double[] x = (double[])start.Clone();
        List<int> working = [];
        double qScale = Math.Max(q.Enumerate().Max(Math.Abs), double.Epsilon);
        int maxIterations = 50 * (n + inequalities.Length + 1);
        for (int iter = 0; iter < maxIterations; iter++)
        {
            Vector<double> xv = Vector<double>.Build.DenseOfArray(x);
            Vector<double> gradient = (q * xv) + Vector<double>.Build.DenseOfArray(c);
            int k = equalities.Length + working.Count;
            Matrix<double> kkt = Matrix<double>.Build.Dense(n + k, n + k);
            kkt.SetSubMatrix(0, 0, q);
            Vector<double> rhs = Vector<double>.Build.Dense(n + k);
            for (int i = 0; i < n; i++)
            {
                rhs[i] = -gradient[i];
            }

            for (int r = 0; r < k; r++)
            {
                double[] a = r < equalities.Length ? equalities[r] : inequalities[working[r - equalities.Length]];
                for (int i = 0; i < n; i++)
                {
                    kkt[n + r, i] = a[i];
                    kkt[i, n + r] = -a[i];
                }
            }

            Vector<double> solution = kkt.LU().Solve(rhs);
            double[] p = [.. solution.SubVector(0, n)];
            double xNorm = 1.0 + x.Max(Math.Abs);
            if (p.Max(Math.Abs) <= 1e-13 * xNorm)
            {
                int drop = -1;
                double most = -1e-11 * qScale * xNorm;
                for (int r = 0; r < working.Count; r++)
                {
                    double lambda = solution[n + equalities.Length + r];
                    if (lambda < most)
                    {
                        most = lambda;
                        drop = r;
                    }
                }

                if (drop < 0)
                {
                    return x;
                }

                working.RemoveAt(drop);
                continue;
            }

            double alpha = 1.0;
            int blocking = -1;
            for (int j = 0; j < inequalities.Length; j++)
            {
                if (working.Contains(j))
                {
                    continue;
                }

                double ap = Dot(inequalities[j], p);
                if (ap < -1e-15 * xNorm)
                {
                    double step = Math.Max(0.0, (inequalityRhs[j] - Dot(inequalities[j], x)) / ap);
                    if (step < alpha)
                    {
                        alpha = step;
                        blocking = j;
                    }
                }
            }

            for (int i = 0; i < n; i++)
            {
                x[i] += alpha * p[i];
            }

            if (blocking >= 0)
            {
                working.Add(blocking);
            }
        }

        throw new InvalidOperationException("The active-set QP did not converge; the problem is degenerate or ill-conditioned.");
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
