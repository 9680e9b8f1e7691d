using System.Numerics;
using System.Runtime.InteropServices;

namespace RiskRadar.Analytics.Kernels;

/// <summary>Sum and count of the values at or above a threshold — the expected-shortfall tail. Allocation-free.</summary>
public static class TailSum
{
    public static (double Sum, int Count) AtOrAbove(ReadOnlySpan<double> values, double threshold)
    {
        double sum = 0.0;
        int count = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            ReadOnlySpan<Vector<double>> vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
            Vector<double> th = new(threshold);
            Vector<double> acc = Vector<double>.Zero;
            Vector<long> cnt = Vector<long>.Zero;
            foreach (Vector<double> x in vectors)
            {
                Vector<long> mask = Vector.GreaterThanOrEqual(x, th);
                acc += Vector.ConditionalSelect(mask, x, Vector<double>.Zero);
                cnt -= mask;
            }

            sum = Vector.Sum(acc);
            count = (int)Vector.Sum(cnt);
            i = vectors.Length * Vector<double>.Count;
        }

        for (; i < values.Length; i++)
        {
            if (values[i] >= threshold)
            {
                sum += values[i];
                count++;
            }
        }

        return (sum, count);
    }
}
