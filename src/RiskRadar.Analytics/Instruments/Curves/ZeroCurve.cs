namespace RiskRadar.Analytics.Instruments.Curves;

/// <summary>
/// A zero-coupon curve: pillar times in years (ACT/365F from the valuation date) with continuously compounded zero
/// rates, linear in the zero rate between pillars and flat outside them. Every zero rate is therefore a weighted sum
/// of at most two pillar rates whose weights add up to 1, so a key-rate shift on one pillar moves the curve by a
/// triangle and the key-rate shifts add up to the parallel one.
/// </summary>
public sealed class ZeroCurve
{
    private readonly double[] _times;
    private readonly double[] _rates;

    public ZeroCurve(ReadOnlySpan<double> times, ReadOnlySpan<double> rates)
    {
        Guard.MinObservations(times.Length, 1, nameof(times));
        Guard.Length(rates.Length, times.Length, nameof(rates));
        Guard.Finite(rates, nameof(rates));
        for (int i = 0; i < times.Length; i++)
        {
            Guard.Positive(times[i], nameof(times));
            if (i > 0 && !(times[i] > times[i - 1]))
            {
                throw new ArgumentException($"Pillar times must increase; times[{i}] = {times[i]} follows {times[i - 1]}.", nameof(times));
            }
        }

        _times = times.ToArray();
        _rates = rates.ToArray();
    }

    public ReadOnlySpan<double> Times => _times;

    public ReadOnlySpan<double> Rates => _rates;

    public int Pillars => _times.Length;

    public double ZeroRate(double time)
    {
        PillarWeights w = WeightsAt(time);
        return (w.Lower * _rates[w.Index]) + (w.Upper == 0.0 ? 0.0 : w.Upper * _rates[w.Index + 1]);
    }

    /// <summary>e^(−z(t)·t); 1 at t = 0.</summary>
    public double Discount(double time) => Math.Exp(-ZeroRate(time) * time);

    /// <summary>How z(t) is made of the pillar rates: z(t) = Lower·z[Index] + Upper·z[Index + 1].</summary>
    public PillarWeights WeightsAt(double time)
    {
        Guard.NonNegative(time, nameof(time));
        if (time <= _times[0])
        {
            return new PillarWeights(0, 1.0, 0.0);
        }

        int last = _times.Length - 1;
        if (time >= _times[last])
        {
            return new PillarWeights(last, 1.0, 0.0);
        }

        int hi = Array.BinarySearch(_times, time);
        if (hi >= 0)
        {
            return new PillarWeights(hi, 1.0, 0.0);
        }

        hi = ~hi;
        int lo = hi - 1;
        double upper = (time - _times[lo]) / (_times[hi] - _times[lo]);
        return new PillarWeights(lo, 1.0 - upper, upper);
    }

    /// <summary>The same pillars with each rate moved by <paramref name="shifts"/> (one per pillar, in rate units).</summary>
    public ZeroCurve Shifted(ReadOnlySpan<double> shifts)
    {
        Guard.Length(shifts.Length, _rates.Length, nameof(shifts));
        double[] rates = new double[_rates.Length];
        for (int i = 0; i < rates.Length; i++)
        {
            rates[i] = _rates[i] + shifts[i];
        }

        return new ZeroCurve(_times, rates);
    }

    /// <summary>Every pillar moved by <paramref name="shift"/>, or only pillar <paramref name="pillar"/> when it is given.</summary>
    public ZeroCurve Shifted(double shift, int? pillar = null)
    {
        double[] shifts = new double[_rates.Length];
        if (pillar is int p)
        {
            if (p < 0 || p >= shifts.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(pillar), p, $"The curve has {shifts.Length} pillars.");
            }

            shifts[p] = shift;
        }
        else
        {
            Array.Fill(shifts, shift);
        }

        return Shifted(shifts);
    }
}
