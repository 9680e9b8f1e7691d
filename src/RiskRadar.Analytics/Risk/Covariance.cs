namespace RiskRadar.Analytics.Risk;

/// <summary>Sample mean vector and covariance matrix (n−1) of a return matrix.</summary>
public static class Covariance
{
    public static double[] Means(ReturnMatrix returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        int m = returns.Count;
        double[] mean = new double[m];
        for (int t = 0; t < returns.Observations; t++)
        {
            ReadOnlySpan<double> row = returns.Row(t);
            for (int i = 0; i < m; i++)
            {
                mean[i] += row[i];
            }
        }

        for (int i = 0; i < m; i++)
        {
            mean[i] /= returns.Observations;
        }

        return mean;
    }

    /// <summary>Row-major m × m sample covariance with the n−1 divisor.</summary>
    public static double[] Sample(ReturnMatrix returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        Guard.MinObservations(returns.Observations, 2, nameof(returns));
        int m = returns.Count, n = returns.Observations;
        double[] mean = Means(returns);
        double[] cov = new double[m * m];
        double[] d = new double[m];
        for (int t = 0; t < n; t++)
        {
            ReadOnlySpan<double> row = returns.Row(t);
            for (int i = 0; i < m; i++)
            {
                d[i] = row[i] - mean[i];
            }

            for (int i = 0; i < m; i++)
            {
                for (int j = i; j < m; j++)
                {
                    cov[(i * m) + j] += d[i] * d[j];
                }
            }
        }

        for (int i = 0; i < m; i++)
        {
            for (int j = i; j < m; j++)
            {
                double c = cov[(i * m) + j] / (n - 1);
                cov[(i * m) + j] = c;
                cov[(j * m) + i] = c;
            }
        }

        return cov;
    }
}
