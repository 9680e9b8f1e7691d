using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RiskRadar.Analytics.Kernels;

/// <summary>
/// One European option contract repriced under every scenario, for full-revaluation VaR. Scenarios are the inner,
/// vectorised loop: each contract's terms are broadcast once and every scenario input is a contiguous row shared
/// with other contracts (the underlying's shocked spot and its logarithm, the volatility series' move, and the rate
/// move at the contract's expiry with its discount factor, one row per curve and expiry), so the loop has no
/// gathers and one exponential: φ(d₂) = φ(d₁)·S′e^(−qT)/(K e^(−rT)) saves the second, and the four divisions
/// (by σ√T, by K e^(−rT), and the two rational functions of the normal CDF) are two.
/// </summary>
internal static class BlackScholesBatch
{
    /// <summary>A shocked volatility below this is floored to it: a historical vol move can exceed today's level.</summary>
    public const double VolatilityFloor = 1e-4;

    // Beyond |d₁| ≈ 37, e^(−d₁²/2) underflows and the ratio trick would turn φ(d₂) into 0·∞.
    private const double DirectExponentFrom = 35.0;

    /// <summary>Adds q·(V(s) − V₀) to <paramref name="pnl"/> for every scenario s.</summary>
    /// <param name="spot">S′ per scenario.</param>
    /// <param name="logSpot">ln S′ per scenario.</param>
    /// <param name="volatilityMove">Δσ per scenario, already scaled to the horizon.</param>
    /// <param name="rateTimeMove">Δz(T)·T per scenario, already scaled.</param>
    /// <param name="discountMove">e^(−Δz(T)·T) per scenario.</param>
    public static void Accumulate(
        in OptionTerms o,
        ReadOnlySpan<double> spot,
        ReadOnlySpan<double> logSpot,
        ReadOnlySpan<double> volatilityMove,
        ReadOnlySpan<double> rateTimeMove,
        ReadOnlySpan<double> discountMove,
        Span<double> pnl)
    {
        int n = pnl.Length;
        if (spot.Length != n || logSpot.Length != n || volatilityMove.Length != n || rateTimeMove.Length != n || discountMove.Length != n)
        {
            throw new ArgumentException("Every scenario row must have one value per scenario.", nameof(spot));
        }

        if (o.Expiry == 0.0)
        {
            for (int s = 0; s < n; s++)
            {
                pnl[s] += o.Quantity * (Math.Max(o.Sign * (spot[s] - o.Strike), 0.0) - o.BaseValue);
            }

            return;
        }

        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            i = AccumulateVectors(o, spot, logSpot, volatilityMove, rateTimeMove, discountMove, pnl);
        }

        for (; i < n; i++)
        {
            pnl[i] += o.Quantity * (Value(o, spot[i], logSpot[i], volatilityMove[i], rateTimeMove[i]) - o.BaseValue);
        }
    }

    /// <summary>The scalar form of the vector loop (tails and the tests' reference).</summary>
    public static double Value(in OptionTerms o, double spot, double logSpot, double volatilityMove, double rateTimeMove)
    {
        double sigma = Math.Max(o.Volatility + volatilityMove, VolatilityFloor);
        double rT = o.RateTime + rateTimeMove;
        double sd = sigma * o.SqrtExpiry;
        double d1 = ((logSpot - o.LogStrike + rT - o.DividendTime) / sd) + (0.5 * sd);
        double d2 = d1 - sd;
        double forwardSpot = spot * o.DividendDiscount;
        double discountedStrike = o.Strike * Math.Exp(-rT);
        double e1 = Math.Exp(-0.5 * d1 * d1);
        double e2 = Math.Abs(d1) < DirectExponentFrom ? e1 * forwardSpot / discountedStrike : Math.Exp(-0.5 * d2 * d2);
        return o.Sign * ((forwardSpot * NormalTail.Cdf(o.Sign * d1, e1)) - (discountedStrike * NormalTail.Cdf(o.Sign * d2, e2)));
    }

    private static int AccumulateVectors(
        in OptionTerms o,
        ReadOnlySpan<double> spot,
        ReadOnlySpan<double> logSpot,
        ReadOnlySpan<double> volatilityMove,
        ReadOnlySpan<double> rateTimeMove,
        ReadOnlySpan<double> discountMove,
        Span<double> pnl)
    {
        ref double sRef = ref MemoryMarshal.GetReference(spot);
        ref double lnRef = ref MemoryMarshal.GetReference(logSpot);
        ref double volRef = ref MemoryMarshal.GetReference(volatilityMove);
        ref double rtRef = ref MemoryMarshal.GetReference(rateTimeMove);
        ref double dfRef = ref MemoryMarshal.GetReference(discountMove);
        ref double pnlRef = ref MemoryMarshal.GetReference(pnl);

        Vector256<double> sign = Vector256.Create(o.Sign);
        Vector256<double> baseDiscountedStrike = Vector256.Create(o.Strike * Math.Exp(-o.RateTime));
        Vector256<double> drift = Vector256.Create(o.RateTime - o.LogStrike - o.DividendTime);
        Vector256<double> sqrtExpiry = Vector256.Create(o.SqrtExpiry);
        Vector256<double> dividendDiscount = Vector256.Create(o.DividendDiscount);
        Vector256<double> vol = Vector256.Create(o.Volatility);
        Vector256<double> floor = Vector256.Create(VolatilityFloor);
        Vector256<double> quantity = Vector256.Create(o.Quantity);
        Vector256<double> baseValue = Vector256.Create(o.BaseValue);
        Vector256<double> half = Vector256.Create(0.5);
        Vector256<double> direct = Vector256.Create(DirectExponentFrom);

        int n = pnl.Length, last = n - Vector256<double>.Count, i = 0;
        for (; i <= last; i += Vector256<double>.Count)
        {
            nuint at = (nuint)i;
            Vector256<double> s = Vector256.LoadUnsafe(ref sRef, at);
            Vector256<double> sd = Vector256.Max(vol + Vector256.LoadUnsafe(ref volRef, at), floor) * sqrtExpiry;
            Vector256<double> discountedStrike = baseDiscountedStrike * Vector256.LoadUnsafe(ref dfRef, at);

            // One division gives both 1/(σ√T) and 1/(K e^(−rT)).
            Vector256<double> inverse = Vector256<double>.One / (sd * discountedStrike);
            Vector256<double> moneyness = Vector256.LoadUnsafe(ref lnRef, at) + drift + Vector256.LoadUnsafe(ref rtRef, at);
            Vector256<double> d1 = Vector256.FusedMultiplyAdd(half, sd, moneyness * discountedStrike * inverse);
            Vector256<double> d2 = d1 - sd;
            Vector256<double> forwardSpot = s * dividendDiscount;
            Vector256<double> e1 = Vector256.Exp(-half * d1 * d1);
            Vector256<double> e2 = e1 * forwardSpot * sd * inverse;
            if (Vector256.GreaterThanOrEqualAny(Vector256.Abs(d1), direct))
            {
                e2 = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(Vector256.Abs(d1), direct), Vector256.Exp(-half * d2 * d2), e2);
            }

            (Vector256<double> n1, Vector256<double> n2) = NormalTail.CdfPair(sign * d1, e1, sign * d2, e2);
            Vector256<double> value = sign * ((forwardSpot * n1) - (discountedStrike * n2));
            ref double target = ref Unsafe.Add(ref pnlRef, i);
            Vector256.StoreUnsafe(Vector256.FusedMultiplyAdd(quantity, value - baseValue, Vector256.LoadUnsafe(ref target)), ref target);
        }

        return i;
    }
}
