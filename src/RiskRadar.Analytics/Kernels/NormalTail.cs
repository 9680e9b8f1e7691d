using System.Runtime.Intrinsics;

namespace RiskRadar.Analytics.Kernels;

/// <summary>
/// N(−|x|) = e^(−x²/2)·P(|x|)/Q(|x|) (Hart 1968, algorithm 5666, as published by West 2005, "Better approximations
/// to cumulative normal functions"), and a continued fraction beyond |x| ≥ 7.07. The caller passes e^(−x²/2):
/// Black-Scholes can get the second one from the first without another exponential.
/// </summary>
internal static class NormalTail
{
    public const double ContinuedFractionFrom = 7.07106781186547;

    private const double N0 = 3.52624965998911e-02, N1 = 0.700383064443688, N2 = 6.37396220353165, N3 = 33.912866078383,
        N4 = 112.079291497871, N5 = 221.213596169931, N6 = 220.206867912376;

    private const double D0 = 8.83883476483184e-02, D1 = 1.75566716318264, D2 = 16.064177579207, D3 = 86.7807322029461,
        D4 = 296.564248779674, D5 = 637.333633378831, D6 = 793.826512519948, D7 = 440.413735824752;

    private const double SqrtTwoPi = 2.506628274631;

    /// <summary>N(x) from x and e = e^(−x²/2).</summary>
    public static double Cdf(double x, double e)
    {
        double a = Math.Abs(x);
        double tail = a < ContinuedFractionFrom ? e * Rational(a) : e / (ContinuedFraction(a) * SqrtTwoPi);
        return x < 0.0 ? tail : 1.0 - tail;
    }

    /// <summary>N(x₁) and N(x₂) at once: the two rational functions share one division.</summary>
    public static (Vector256<double> First, Vector256<double> Second) CdfPair(Vector256<double> x1, Vector256<double> e1, Vector256<double> x2, Vector256<double> e2)
    {
        Vector256<double> a1 = Vector256.Abs(x1), a2 = Vector256.Abs(x2);
        (Vector256<double> p1, Vector256<double> q1) = Polynomials(a1);
        (Vector256<double> p2, Vector256<double> q2) = Polynomials(a2);
        Vector256<double> inverse = Vector256<double>.One / (q1 * q2);
        Vector256<double> tail1 = e1 * p1 * q2 * inverse;
        Vector256<double> tail2 = e2 * p2 * q1 * inverse;
        Vector256<double> from = Vector256.Create(ContinuedFractionFrom);
        if (Vector256.GreaterThanOrEqualAny(Vector256.Max(a1, a2), from))
        {
            Vector256<double> sqrtTwoPi = Vector256.Create(SqrtTwoPi);
            tail1 = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(a1, from), e1 / (ContinuedFraction(a1) * sqrtTwoPi), tail1);
            tail2 = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(a2, from), e2 / (ContinuedFraction(a2) * sqrtTwoPi), tail2);
        }

        return (Upper(x1, tail1), Upper(x2, tail2));
    }

    private static Vector256<double> Upper(Vector256<double> x, Vector256<double> tail) =>
        Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), tail, Vector256<double>.One - tail);

    private static double Rational(double a)
    {
        double n = Math.FusedMultiplyAdd(N0, a, N1);
        n = Math.FusedMultiplyAdd(n, a, N2);
        n = Math.FusedMultiplyAdd(n, a, N3);
        n = Math.FusedMultiplyAdd(n, a, N4);
        n = Math.FusedMultiplyAdd(n, a, N5);
        n = Math.FusedMultiplyAdd(n, a, N6);
        double d = Math.FusedMultiplyAdd(D0, a, D1);
        d = Math.FusedMultiplyAdd(d, a, D2);
        d = Math.FusedMultiplyAdd(d, a, D3);
        d = Math.FusedMultiplyAdd(d, a, D4);
        d = Math.FusedMultiplyAdd(d, a, D5);
        d = Math.FusedMultiplyAdd(d, a, D6);
        d = Math.FusedMultiplyAdd(d, a, D7);
        return n / d;
    }

    private static (Vector256<double> Numerator, Vector256<double> Denominator) Polynomials(Vector256<double> a)
    {
        Vector256<double> n = Horner(a, N0, N1);
        n = Horner(a, n, N2);
        n = Horner(a, n, N3);
        n = Horner(a, n, N4);
        n = Horner(a, n, N5);
        n = Horner(a, n, N6);
        Vector256<double> d = Horner(a, D0, D1);
        d = Horner(a, d, D2);
        d = Horner(a, d, D3);
        d = Horner(a, d, D4);
        d = Horner(a, d, D5);
        d = Horner(a, d, D6);
        d = Horner(a, d, D7);
        return (n, d);
    }

    private static Vector256<double> Horner(Vector256<double> a, double c, double next) =>
        Horner(a, Vector256.Create(c), next);

    private static Vector256<double> Horner(Vector256<double> a, Vector256<double> acc, double next) =>
        Vector256.FusedMultiplyAdd(acc, a, Vector256.Create(next));

    private static double ContinuedFraction(double a) =>
        a + (1.0 / (a + (2.0 / (a + (3.0 / (a + (4.0 / (a + 0.65))))))));

    private static Vector256<double> ContinuedFraction(Vector256<double> a)
    {
        Vector256<double> f = a + Vector256.Create(0.65);
        f = a + (Vector256.Create(4.0) / f);
        f = a + (Vector256.Create(3.0) / f);
        f = a + (Vector256.Create(2.0) / f);
        return a + (Vector256<double>.One / f);
    }
}
