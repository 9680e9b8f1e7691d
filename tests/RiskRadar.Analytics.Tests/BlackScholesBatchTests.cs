using MathNet.Numerics.Distributions;

using RiskRadar.Analytics.Instruments.Options;
using RiskRadar.Analytics.Kernels;

namespace RiskRadar.Analytics.Tests;

/// <summary>The vectorised full-revaluation kernel against the QuantLib-checked scalar pricer.</summary>
public class BlackScholesBatchTests
{
    [Fact]
    public void Normal_tail_matches_the_normal_cdf_across_the_whole_range()
    {
        for (double x = -38.0; x <= 38.0; x += 0.0137)
        {
            double expected = Normal.CDF(0, 1, x);
            double actual = NormalTail.Cdf(x, Math.Exp(-0.5 * x * x));
            Near.Equal(expected, actual, 1e-13, 1e-16, $"N({x})");
        }
    }

    [Fact]
    public void Every_lane_and_the_scalar_tail_reprice_like_black_scholes_merton()
    {
        Random random = new(42);
        const int n = 203; // not a multiple of the vector width: the scalar tail runs too
        for (int c = 0; c < 60; c++)
        {
            OptionType type = c % 2 == 0 ? OptionType.Call : OptionType.Put;
            double s0 = 100.0, strike = s0 * Math.Exp(random.NextDouble() * 3.0 - 1.5); // deep in and out of the money
            double t = c % 7 == 0 ? 1.0 / 365 : random.NextDouble() * 5.0, q = 0.02 * random.NextDouble(), sigma = 0.05 + random.NextDouble() * 0.6;
            double rate = 0.01 + 0.04 * random.NextDouble(), quantity = 3.0;
            OptionTerms terms = new(type == OptionType.Call ? 1 : -1, strike, Math.Log(strike), t, Math.Sqrt(t), q * t, Math.Exp(-q * t), sigma, rate * t, quantity, 1.5);
            double[] spot = new double[n], log = new double[n], vol = new double[n], rateMove = new double[n], rateTime = new double[n], discount = new double[n], pnl = new double[n];
            for (int s = 0; s < n; s++)
            {
                spot[s] = s0 * (1.0 + ((random.NextDouble() - 0.5) * 0.4));
                log[s] = Math.Log(spot[s]);
                vol[s] = (random.NextDouble() - 0.5) * 0.2;
                rateMove[s] = (random.NextDouble() - 0.5) * 0.02;
                rateTime[s] = rateMove[s] * t;
                discount[s] = Math.Exp(-rateTime[s]);
                pnl[s] = 7.0;
            }

            BlackScholesBatch.Accumulate(terms, spot, log, vol, rateTime, discount, pnl);
            for (int s = 0; s < n; s++)
            {
                double shockedVol = Math.Max(sigma + vol[s], BlackScholesBatch.VolatilityFloor);
                double shockedRate = rate + rateMove[s];
                double price = BlackScholesMerton.Value(new EuropeanOption(type, spot[s], strike, shockedRate, q, shockedVol, t)).Price;
                double expected = 7.0 + (quantity * (price - 1.5));
                Near.Equal(expected, pnl[s], 1e-12, 1e-12 * (s0 + strike), $"{type} K={strike:F2} T={t:F3} scenario {s}");
            }
        }
    }
}
