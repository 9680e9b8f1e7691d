using RiskRadar.Ingestion.Instruments;

namespace RiskRadar.Ingestion.Simulation;

/// <summary>
/// Correlated geometric Brownian motion over an instrument universe:
/// S ← S·exp((μ − σ²/2)Δt + σ√Δt·z), z from a global factor, an asset-class factor and an idiosyncratic shock.
/// </summary>
public sealed class CorrelatedGbmSimulator
{
    public const double SecondsPerYear = 365.25 * 24 * 3600;

    private readonly InstrumentDefinition[] _instruments;
    private readonly FactorLoadings[] _loadings;
    private readonly double[] _prices;
    private readonly double[] _classShocks = new double[Enum.GetValues<AssetClass>().Length];
    private readonly GaussianSampler _sampler;

    public CorrelatedGbmSimulator(
        IReadOnlyList<InstrumentDefinition> instruments,
        int seed,
        IReadOnlyDictionary<AssetClass, FactorLoadings>? loadings = null)
    {
        InstrumentUniverse.Validate("simulator", instruments);
        loadings ??= FactorLoadings.Defaults;
        _instruments = [.. instruments];
        _loadings = [.. _instruments.Select(i => loadings[i.AssetClass])];
        if (_loadings.Any(l => double.IsNaN(l.Idiosyncratic)))
        {
            throw new ArgumentException("Factor loadings must satisfy global² + class² ≤ 1.", nameof(loadings));
        }

        _prices = [.. _instruments.Select(i => i.Price)];
        _sampler = new GaussianSampler(seed);
    }

    public IReadOnlyList<InstrumentDefinition> Instruments => _instruments;

    public ReadOnlySpan<double> Prices => _prices;

    /// <summary>The correlation of the two instruments' shocks that the model implies.</summary>
    public double Correlation(int i, int j)
    {
        if (i == j)
        {
            return 1;
        }

        var (a, b) = (_loadings[i], _loadings[j]);
        var sameClass = _instruments[i].AssetClass == _instruments[j].AssetClass;
        return (a.Global * b.Global) + (sameClass ? a.Class * b.Class : 0);
    }

    /// <summary>Advances every price by <paramref name="dtYears"/> of simulated time.</summary>
    public void Step(double dtYears)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dtYears);
        var global = _sampler.Next();
        for (var k = 0; k < _classShocks.Length; k++)
        {
            _classShocks[k] = _sampler.Next();
        }

        var sqrtDt = Math.Sqrt(dtYears);
        for (var i = 0; i < _prices.Length; i++)
        {
            var instrument = _instruments[i];
            var loading = _loadings[i];
            var z = (loading.Global * global)
                + (loading.Class * _classShocks[(int)instrument.AssetClass])
                + (loading.Idiosyncratic * _sampler.Next());
            var sigma = instrument.Volatility;
            _prices[i] *= Math.Exp(((instrument.Drift - (0.5 * sigma * sigma)) * dtYears) + (sigma * sqrtDt * z));
        }
    }
}
