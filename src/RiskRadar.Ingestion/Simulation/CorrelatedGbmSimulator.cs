using RiskRadar.Ingestion.Instruments;

namespace RiskRadar.Ingestion.Simulation;

/// <summary>
/// Correlated geometric Brownian motion over an instrument universe:
/// S ← S·exp((μ − λk − σ²/2 + κ·ln(S₀/S))Δt + σ√Δt·z + ΣJ), z from a global factor, an asset-class factor and an
/// idiosyncratic shock; optionally σ scaled up in a stressed regime (two-state Markov chain) and Poisson jumps J
/// (Merton, with the compensator λk = λ(E[e^J] − 1) keeping the expected drift; spot instruments only). κ, the mean
/// reversion, pulls market factors (rates, volatilities) back towards the level S₀ the run started from.
/// </summary>
/// <remarks>
/// Regime switches and jumps draw from generators of their own (derived from the seed), so the diffusion shocks are
/// the same with or without them: with both off the path is exactly the plain GBM path of the same seed.
/// </remarks>
public sealed class CorrelatedGbmSimulator
{
    public const double SecondsPerYear = 365.25 * 24 * 3600;

    private readonly InstrumentDefinition[] _instruments;
    private readonly FactorLoadings[] _loadings;
    private readonly double[] _prices;
    private readonly double[] _anchors;
    private readonly double[] _classShocks = new double[Enum.GetValues<AssetClass>().Length];
    private readonly GaussianSampler _sampler;
    private readonly RegimeOptions? _regimes;
    private readonly JumpOptions? _jumps;
    private readonly Random _events;
    private readonly GaussianSampler _jumpSizes;
    private readonly double _jumpCompensator;

    public CorrelatedGbmSimulator(
        IReadOnlyList<InstrumentDefinition> instruments,
        int seed,
        IReadOnlyDictionary<AssetClass, FactorLoadings>? loadings = null,
        RegimeOptions? regimes = null,
        JumpOptions? jumps = null)
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
        _anchors = [.. _instruments.Select(i => Math.Log(i.Price))];
        _sampler = new GaussianSampler(seed);
        _regimes = regimes is { Enabled: true } ? regimes : null;
        _jumps = jumps is { Enabled: true, Intensity: > 0 } ? jumps : null;
        _events = new Random(unchecked((seed * 31) + 0x5EED));
        _jumpSizes = new GaussianSampler(unchecked((seed * 37) + 0x1AB5));
        // Ignores the clamp at MaxLogJump: a small bias in the drift only when jumps are that large.
        _jumpCompensator = _jumps is null ? 0 : _jumps.Intensity * (Math.Exp(_jumps.Mean + (0.5 * _jumps.StdDev * _jumps.StdDev)) - 1);
    }

    /// <summary>True while the market-wide regime is stressed (volatility multiplied).</summary>
    public bool Stressed { get; private set; }

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
        if (_regimes is not null)
        {
            var switchProbability = Stressed ? _regimes.StressedToCalm : _regimes.CalmToStressed;
            if (_events.NextDouble() < switchProbability)
            {
                Stressed = !Stressed;
            }
        }

        var volatilityMultiplier = Stressed ? _regimes!.StressVolatilityMultiplier : 1;
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
            var sigma = instrument.Volatility * volatilityMultiplier;
            var spot = instrument.Kind == Contracts.Events.InstrumentKinds.Spot;
            var compensator = spot ? _jumpCompensator : 0;
            var reversion = instrument.MeanReversion * (_anchors[i] - Math.Log(_prices[i]));
            var logReturn = ((instrument.Drift - compensator + reversion - (0.5 * sigma * sigma)) * dtYears) + (sigma * sqrtDt * z);
            if (_jumps is not null && spot)
            {
                var jump = 0.0;
                for (var n = Poisson(_jumps.Intensity * dtYears); n > 0; n--)
                {
                    jump += _jumps.Mean + (_jumps.StdDev * _jumpSizes.Next());
                }

                // Clamped per step, not per jump, so that even several jumps in one step stay below the outlier threshold.
                logReturn += Math.Clamp(jump, -_jumps.MaxLogJump, _jumps.MaxLogJump);
            }

            _prices[i] *= Math.Exp(logReturn);
        }
    }

    // Knuth's method: exact, and fast for the small means (λΔt ≪ 1) a step has.
    private int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        var product = _events.NextDouble();
        while (product > limit)
        {
            count++;
            product *= _events.NextDouble();
        }

        return count;
    }
}
