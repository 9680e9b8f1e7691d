using RiskRadar.Analytics.Instruments.Bonds;
using RiskRadar.Analytics.Instruments.Curves;
using RiskRadar.Analytics.Instruments.Futures;
using RiskRadar.Analytics.Instruments.Options;
using RiskRadar.Analytics.Kernels;

namespace RiskRadar.Analytics.Valuation;

/// <summary>
/// A book of spot instruments, European options, futures and fixed-rate bonds valued at one <see cref="MarketState"/>:
/// its value, its sensitivities, and its P&amp;L under scenario moves by full revaluation or by the second-order
/// approximation (<see cref="RevaluationMethod"/>). Options are priced by <see cref="BlackScholesMerton"/> at the zero
/// rate of their curve at expiry, futures by cost of carry, bonds by discounting on their curve. All values are in
/// one currency: converting them is the caller's job.
/// </summary>
public sealed partial class MultiAssetBook
{
    private readonly MarketState _market;
    private readonly double[] _linear;
    private readonly PricedOption[] _options;
    private readonly PricedFuture[] _futures;
    private readonly PricedBond[] _bonds;
    private readonly SecondOrderModel _model;
    private readonly Lazy<BookSensitivities> _sensitivities;

    private MultiAssetBook(MarketState market, double[] linear, PricedOption[] options, PricedFuture[] futures, PricedBond[] bonds, SecondOrderModel model, double value)
    {
        _market = market;
        _linear = linear;
        _options = options;
        _futures = futures;
        _bonds = bonds;
        _model = model;
        Value = value;
        _sensitivities = new Lazy<BookSensitivities>(MeasureSensitivities, LazyThreadSafetyMode.ExecutionAndPublication);
        ReadOnlySpan<double> spots = market.Spots;
        for (int u = 0; u < spots.Length; u++)
        {
            CashDelta += model.Delta[u] * spots[u];
        }
    }

    public MarketState Market => _market;

    /// <summary>Σ spot positions + options + bonds (dirty); futures add nothing, being margined daily.</summary>
    public double Value { get; }

    /// <summary>Measured on first use: the key-rate DV01s reprice every contract once per pillar, which valuing alone does not need.</summary>
    public BookSensitivities Sensitivities => _sensitivities.Value;

    /// <summary>Σ Δ·S over the underlyings: the book's delta-equivalent exposure (a future's notional, an option's delta × spot).</summary>
    public double CashDelta { get; }

    /// <param name="valuationDate">The date bond cash flows are discounted to (curve times are ACT/365F from it).</param>
    public static MultiAssetBook Create(MarketState market, DateOnly valuationDate, IEnumerable<Holding> holdings)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(holdings);
        ReadOnlySpan<double> spots = market.Spots;
        SecondOrderModel model = new(spots.Length, market.Volatilities.Length, [.. market.Curves.Select(c => c.Pillars)]);
        double[] linear = new double[spots.Length];
        List<PricedOption> options = [];
        List<PricedFuture> futures = [];
        List<PricedBond> bonds = [];
        double value = 0.0;
        foreach (Holding holding in holdings)
        {
            ArgumentNullException.ThrowIfNull(holding, nameof(holdings));
            Guard.Finite(holding.Quantity, "quantity");
            switch (holding)
            {
                case LinearHolding h:
                    CheckIndex(h.Underlying, spots.Length, "underlying");
                    linear[h.Underlying] += h.Quantity;
                    model.Delta[h.Underlying] += h.Quantity;
                    value += h.Quantity * spots[h.Underlying];
                    break;
                case OptionHolding h:
                    PricedOption o = PriceOption(market, h);
                    options.Add(o);
                    value += h.Quantity * o.Greeks.Price;
                    model.Delta[h.Underlying] += h.Quantity * o.Greeks.Delta;
                    model.Gamma[h.Underlying] += h.Quantity * o.Greeks.Gamma;
                    model.Vega[h.Volatility] += h.Quantity * o.Greeks.Vega;
                    model.AddRateFirst(h.Curve, o.Weights, h.Quantity * o.Greeks.Rho);
                    break;
                case FutureHolding h:
                    PricedFuture f = PriceFuture(market, h);
                    futures.Add(f);
                    model.Delta[h.Underlying] += h.Quantity * f.FairValue / spots[h.Underlying];
                    model.AddRateFirst(h.Curve, f.Weights, h.Quantity * f.FairValue * h.Expiry);
                    model.AddRateSecond(h.Curve, f.Weights, h.Quantity * f.FairValue * h.Expiry * h.Expiry);
                    break;
                case BondHolding h:
                    PricedBond b = PriceBond(market, valuationDate, h);
                    bonds.Add(b);
                    value += h.Quantity * b.UnitValue;
                    for (int i = 0; i < b.Discounts.Length; i++)
                    {
                        double t = b.Flows.Times[i], pv = h.Quantity * b.Flows.Amounts[i] * b.Discounts[i];
                        model.AddRateFirst(h.Curve, b.Weights[i], -pv * t);
                        model.AddRateSecond(h.Curve, b.Weights[i], pv * t * t);
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown holding {holding.GetType().Name}.", nameof(holdings));
            }
        }

        return new MultiAssetBook(market, linear, [.. options], [.. futures], [.. bonds], model, value);
    }

    private static PricedOption PriceOption(MarketState market, OptionHolding h)
    {
        CheckIndex(h.Underlying, market.Spots.Length, "underlying");
        CheckIndex(h.Volatility, market.Volatilities.Length, "volatility");
        CheckIndex(h.Curve, market.Curves.Count, "curve");
        ZeroCurve curve = market.Curves[h.Curve];
        double s = market.Spots[h.Underlying], sigma = market.Volatilities[h.Volatility], t = h.Expiry;
        double rate = curve.ZeroRate(t);
        OptionValuation greeks = BlackScholesMerton.Value(new EuropeanOption(h.Type, s, h.Strike, rate, h.DividendYield, sigma, t));
        PillarWeights w = curve.WeightsAt(t);
        OptionTerms terms = new(
            h.Type == OptionType.Call ? 1.0 : -1.0, h.Strike, Math.Log(h.Strike), t, Math.Sqrt(t), h.DividendYield * t,
            Math.Exp(-h.DividendYield * t), sigma, rate * t, h.Quantity, 0.0);

        // P&L is measured from the kernel's own price at zero moves, so a scenario that moves nothing gives exactly 0.
        terms = terms with { BaseValue = t == 0.0 ? greeks.Price : BlackScholesBatch.Value(terms, s, Math.Log(s), 0.0, 0.0) };
        return new PricedOption(h, terms, w, greeks);
    }

    private static PricedFuture PriceFuture(MarketState market, FutureHolding h)
    {
        CheckIndex(h.Underlying, market.Spots.Length, "underlying");
        CheckIndex(h.Curve, market.Curves.Count, "curve");
        ZeroCurve curve = market.Curves[h.Curve];
        double rate = curve.ZeroRate(h.Expiry);
        double fair = FuturePricer.FairValue(market.Spots[h.Underlying], rate, h.CarryYield, h.Expiry);
        return new PricedFuture(h, fair, curve.WeightsAt(h.Expiry));
    }

    private static PricedBond PriceBond(MarketState market, DateOnly valuationDate, BondHolding h)
    {
        ArgumentNullException.ThrowIfNull(h.Bond, "bond");
        CheckIndex(h.Curve, market.Curves.Count, "curve");
        ZeroCurve curve = market.Curves[h.Curve];
        CurveCashflows flows = CurveCashflows.Of(h.Bond, valuationDate);
        PillarWeights[] weights = new PillarWeights[flows.Times.Length];
        double[] discounts = new double[flows.Times.Length];
        double unit = 0.0;
        for (int i = 0; i < discounts.Length; i++)
        {
            weights[i] = curve.WeightsAt(flows.Times[i]);
            discounts[i] = curve.Discount(flows.Times[i]);
            unit += flows.Amounts[i] * discounts[i];
        }

        return new PricedBond(h, flows, weights, discounts, unit);
    }

    private BookSensitivities MeasureSensitivities()
    {
        ReadOnlySpan<double> spots = _market.Spots;
        double[] vega = new double[spots.Length], theta = new double[spots.Length];
        foreach (PricedOption o in _options)
        {
            vega[o.Holding.Underlying] += o.Holding.Quantity * o.Greeks.Vega;
            theta[o.Holding.Underlying] += o.Holding.Quantity * o.Greeks.Theta;
        }

        List<UnderlyingSensitivity> underlyings = [];
        for (int u = 0; u < spots.Length; u++)
        {
            double delta = _model.Delta[u], gamma = _model.Gamma[u];
            if (delta != 0.0 || gamma != 0.0 || vega[u] != 0.0 || theta[u] != 0.0)
            {
                underlyings.Add(new UnderlyingSensitivity(u, delta, delta * spots[u], gamma, gamma * spots[u] * spots[u] / 100.0, vega[u], theta[u]));
            }
        }

        List<CurveSensitivity> curves = [];
        for (int c = 0; c < _market.Curves.Count; c++)
        {
            if (!DependsOn(c))
            {
                continue;
            }

            ZeroCurve curve = _market.Curves[c];
            double[] keyRates = new double[curve.Pillars];
            for (int p = 0; p < keyRates.Length; p++)
            {
                keyRates[p] = -ChangeOn(c, curve.Shifted(BondCurvePricer.BasisPoint, p));
            }

            curves.Add(new CurveSensitivity(c, -ChangeOn(c, curve.Shifted(BondCurvePricer.BasisPoint)), keyRates));
        }

        return new BookSensitivities(underlyings, curves);
    }

    private bool DependsOn(int curve) =>
        _options.Any(o => o.Holding.Curve == curve) || _futures.Any(f => f.Holding.Curve == curve) || _bonds.Any(b => b.Holding.Curve == curve);

    /// <summary>The book's value change when curve <paramref name="index"/> is replaced, everything else fixed.</summary>
    private double ChangeOn(int index, ZeroCurve curve)
    {
        ReadOnlySpan<double> spots = _market.Spots;
        double change = 0.0;
        foreach (PricedOption o in _options.Where(o => o.Holding.Curve == index))
        {
            OptionHolding h = o.Holding;
            EuropeanOption bumped = new(h.Type, spots[h.Underlying], h.Strike, curve.ZeroRate(h.Expiry), h.DividendYield, _market.Volatilities[h.Volatility], h.Expiry);
            change += h.Quantity * (BlackScholesMerton.Value(bumped).Price - o.Greeks.Price);
        }

        foreach (PricedFuture f in _futures.Where(f => f.Holding.Curve == index))
        {
            FutureHolding h = f.Holding;
            change += h.Quantity * (FuturePricer.FairValue(spots[h.Underlying], curve.ZeroRate(h.Expiry), h.CarryYield, h.Expiry) - f.FairValue);
        }

        foreach (PricedBond b in _bonds.Where(b => b.Holding.Curve == index))
        {
            change += b.Holding.Quantity * (b.Flows.DirtyValue(curve) - b.UnitValue);
        }

        return change;
    }

    private static void CheckIndex(int index, int count, string what)
    {
        if (index < 0 || index >= count)
        {
            throw new ArgumentException($"The {what} index {index} is outside the market state's {count} {what} entries.", what);
        }
    }
}
