namespace RiskRadar.Analytics.Valuation;

/// <summary>
/// The book's Taylor expansion, summed over positions: ∂V/∂S and ∂²V/∂S² per underlying, ∂V/∂σ per volatility
/// series, and per curve ∂V/∂z_p and ∂²V/∂z_p∂z_q. Its cost per scenario depends on the factors, not the positions.
/// </summary>
internal sealed class SecondOrderModel
{
    public SecondOrderModel(int underlyings, int volatilities, IReadOnlyList<int> pillars)
    {
        Delta = new double[underlyings];
        Gamma = new double[underlyings];
        Vega = new double[volatilities];
        RateFirst = [.. pillars.Select(p => new double[p])];
        RateSecond = [.. pillars.Select(p => new double[p * p])];
    }

    public double[] Delta { get; }

    public double[] Gamma { get; }

    public double[] Vega { get; }

    public double[][] RateFirst { get; }

    /// <summary>Row-major P × P per curve.</summary>
    public double[][] RateSecond { get; }

    public void AddRateFirst(int curve, Instruments.Curves.PillarWeights w, double sensitivity)
    {
        RateFirst[curve][w.Index] += sensitivity * w.Lower;
        if (w.Upper != 0.0)
        {
            RateFirst[curve][w.Index + 1] += sensitivity * w.Upper;
        }
    }

    public void AddRateSecond(int curve, Instruments.Curves.PillarWeights w, double sensitivity)
    {
        double[] h = RateSecond[curve];
        int p = RateFirst[curve].Length, i = w.Index;
        h[(i * p) + i] += sensitivity * w.Lower * w.Lower;
        if (w.Upper != 0.0)
        {
            double cross = sensitivity * w.Lower * w.Upper;
            h[(i * p) + i + 1] += cross;
            h[((i + 1) * p) + i] += cross;
            h[((i + 1) * p) + i + 1] += sensitivity * w.Upper * w.Upper;
        }
    }
}
