using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RiskRadar.Analytics.Kernels;

/// <summary>Scenario P&amp;L X = R·v, the hot loop of every simulation-based measure. Allocation-free.</summary>
public static class ScenarioPnl
{
    /// <summary>
    /// X[t] = Σᵢ R[t,i]·v[i] for a row-major scenario matrix (scenarios × instruments).
    /// </summary>
    public static void Compute(ReadOnlySpan<double> scenarios, int instruments, ReadOnlySpan<double> exposures, Span<double> pnl)
    {
        if (instruments < 1 || exposures.Length != instruments)
        {
            throw new ArgumentException($"Exposures have {exposures.Length} elements; the scenario matrix has {instruments} instruments.", nameof(exposures));
        }

        if (scenarios.Length != pnl.Length * instruments)
        {
            throw new ArgumentException($"Scenario matrix has {scenarios.Length} values; expected {pnl.Length} × {instruments}.", nameof(scenarios));
        }

        for (int t = 0; t < pnl.Length; t++)
        {
            pnl[t] = TensorPrimitives.Dot(scenarios.Slice(t * instruments, instruments), exposures);
        }
    }

    /// <summary>
    /// X[t] = Σᵢ v[i]·Rᵀ[i,t] for an instrument-major (transposed) scenario matrix. With few instruments and
    /// many scenarios this keeps a block of P&amp;L in registers while streaming each instrument's row once.
    /// </summary>
    public static void ComputeTransposed(ReadOnlySpan<double> transposedScenarios, int scenarioCount, ReadOnlySpan<double> exposures, Span<double> pnl)
    {
        int m = exposures.Length;
        if (transposedScenarios.Length != m * scenarioCount || pnl.Length != scenarioCount)
        {
            throw new ArgumentException($"Transposed scenario matrix has {transposedScenarios.Length} values; expected {m} × {scenarioCount} with a P&L buffer of {scenarioCount}.", nameof(transposedScenarios));
        }

        int[]? rented = null;
        Span<int> starts = m <= 256 ? stackalloc int[m] : (rented = ArrayPool<int>.Shared.Rent(m)).AsSpan(0, m);
        for (int i = 0; i < m; i++)
        {
            starts[i] = i * scenarioCount;
        }

        Accumulate(transposedScenarios, starts, scenarioCount, exposures, pnl);
        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// X[t] = Σₖ v[k]·Rᵀ[columns[k],t]: a sparse book over an instrument-major matrix of many instruments, without
    /// gathering its columns first. The sum runs in the order of <paramref name="columns"/> with the same blocking
    /// as <see cref="ComputeTransposed"/>, so a book gives bit for bit the P&amp;L of its gathered columns.
    /// </summary>
    public static void ComputeGathered(ReadOnlySpan<double> transposedScenarios, int scenarioCount, ReadOnlySpan<int> columns, ReadOnlySpan<double> exposures, Span<double> pnl)
    {
        int m = exposures.Length;
        if (columns.Length != m || pnl.Length != scenarioCount || scenarioCount < 1 || transposedScenarios.Length % scenarioCount != 0)
        {
            throw new ArgumentException($"{columns.Length} columns for {m} exposures over a matrix of {transposedScenarios.Length} values in rows of {scenarioCount}, with a P&L buffer of {pnl.Length}.", nameof(columns));
        }

        int instruments = transposedScenarios.Length / scenarioCount;
        int[]? rented = null;
        Span<int> starts = m <= 256 ? stackalloc int[m] : (rented = ArrayPool<int>.Shared.Rent(m)).AsSpan(0, m);
        for (int k = 0; k < m; k++)
        {
            if ((uint)columns[k] >= (uint)instruments)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), $"Column {columns[k]} is outside the matrix's {instruments} instruments.");
            }

            starts[k] = columns[k] * scenarioCount;
        }

        Accumulate(transposedScenarios, starts, scenarioCount, exposures, pnl);
        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <param name="starts">Where each exposure's row of <paramref name="scenarioCount"/> returns begins; checked by the callers.</param>
    private static void Accumulate(ReadOnlySpan<double> transposedScenarios, ReadOnlySpan<int> starts, int scenarioCount, ReadOnlySpan<double> exposures, Span<double> pnl)
    {
        int m = exposures.Length;
        ref double r = ref MemoryMarshal.GetReference(transposedScenarios);
        ref double x = ref MemoryMarshal.GetReference(pnl);
        int w = Vector<double>.Count;
        int block = 4 * w;
        int t = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; t + block <= scenarioCount; t += block)
            {
                Vector<double> a0 = Vector<double>.Zero, a1 = Vector<double>.Zero, a2 = Vector<double>.Zero, a3 = Vector<double>.Zero;
                for (int i = 0; i < m; i++)
                {
                    Vector<double> vi = new(exposures[i]);
                    ref double row = ref Unsafe.Add(ref r, starts[i] + t);
                    a0 = Vector.FusedMultiplyAdd(vi, Vector.LoadUnsafe(ref row), a0);
                    a1 = Vector.FusedMultiplyAdd(vi, Vector.LoadUnsafe(ref row, (nuint)w), a1);
                    a2 = Vector.FusedMultiplyAdd(vi, Vector.LoadUnsafe(ref row, (nuint)(2 * w)), a2);
                    a3 = Vector.FusedMultiplyAdd(vi, Vector.LoadUnsafe(ref row, (nuint)(3 * w)), a3);
                }

                ref double dst = ref Unsafe.Add(ref x, t);
                a0.StoreUnsafe(ref dst);
                a1.StoreUnsafe(ref dst, (nuint)w);
                a2.StoreUnsafe(ref dst, (nuint)(2 * w));
                a3.StoreUnsafe(ref dst, (nuint)(3 * w));
            }

            for (; t + w <= scenarioCount; t += w)
            {
                Vector<double> a = Vector<double>.Zero;
                for (int i = 0; i < m; i++)
                {
                    a = Vector.FusedMultiplyAdd(new Vector<double>(exposures[i]), Vector.LoadUnsafe(ref Unsafe.Add(ref r, starts[i] + t)), a);
                }

                a.StoreUnsafe(ref Unsafe.Add(ref x, t));
            }
        }

        for (; t < scenarioCount; t++)
        {
            double s = 0.0;
            for (int i = 0; i < m; i++)
            {
                s = Math.FusedMultiplyAdd(exposures[i], Unsafe.Add(ref r, starts[i] + t), s);
            }

            pnl[t] = s;
        }
    }
}
