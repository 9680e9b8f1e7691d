using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Optimisation;

/// <summary>Per-period sample mean vector and covariance (n−1) of simple returns, the optimiser's inputs.</summary>
public sealed record ReturnMoments
{
    public ReturnMoments(IReadOnlyList<string> instruments, IReadOnlyList<double> means, IReadOnlyList<double> covariance)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(covariance);
        int n = instruments.Count;
        Guard.MinObservations(n, 1, nameof(instruments));
        Guard.Length(means.Count, n, nameof(means));
        Guard.Length(covariance.Count, n * n, nameof(covariance));
        Instruments = [.. instruments];
        Means = [.. means];
        Covariance = [.. covariance];
        Guard.Finite(Means.ToArray(), nameof(means));
        Guard.Finite(Covariance.ToArray(), nameof(covariance));
    }

    public IReadOnlyList<string> Instruments { get; }

    public IReadOnlyList<double> Means { get; }

    /// <summary>Row-major n × n.</summary>
    public IReadOnlyList<double> Covariance { get; }

    public int Count => Instruments.Count;

    public static ReturnMoments FromReturns(ReturnMatrix returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        Guard.MinObservations(returns.Observations, 2, nameof(returns));
        return new ReturnMoments(returns.Instruments, Risk.Covariance.Means(returns), Risk.Covariance.Sample(returns));
    }
}
