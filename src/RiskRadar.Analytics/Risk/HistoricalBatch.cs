using System.Buffers;
using System.Numerics.Tensors;

using RiskRadar.Analytics.Kernels;
using RiskRadar.Analytics.Quantiles;

namespace RiskRadar.Analytics.Risk;

/// <summary>
/// Historical VaR/ES for many portfolios over one scenario set. The scenario matrix is held instrument-major so
/// each portfolio's P&amp;L is a register-blocked sum of a few long rows; work is split over cores in contiguous
/// chunks with one scratch buffer per chunk, so nothing is allocated per portfolio.
/// </summary>
public sealed class HistoricalBatch
{
    private readonly double[] _transposed;

    public HistoricalBatch(ReturnMatrix scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        Instruments = scenarios.Count;
        Scenarios = scenarios.Observations;
        _transposed = scenarios.Transpose();
    }

    private HistoricalBatch(double[] transposed, int scenarios)
    {
        Instruments = transposed.Length / scenarios;
        Scenarios = scenarios;
        _transposed = transposed;
    }

    /// <summary>A batch over returns already laid out instrument-major (each instrument's series in turn), copied in.</summary>
    public static HistoricalBatch FromInstrumentMajor(ReadOnlySpan<double> instrumentMajorReturns, int scenarios)
    {
        Guard.MinObservations(scenarios, 1, nameof(scenarios));
        if (instrumentMajorReturns.IsEmpty || instrumentMajorReturns.Length % scenarios != 0)
        {
            throw new ArgumentException(
                $"{instrumentMajorReturns.Length} returns are not whole series of {scenarios} scenarios.", nameof(instrumentMajorReturns));
        }

        Guard.Finite(instrumentMajorReturns, nameof(instrumentMajorReturns));
        return new HistoricalBatch(instrumentMajorReturns.ToArray(), scenarios);
    }

    public int Instruments { get; }

    public int Scenarios { get; }

    /// <param name="exposures">Row-major portfolios × instruments market values.</param>
    /// <param name="options">Confidence, horizon and quantile rule shared by every portfolio.</param>
    /// <param name="var">Receives one VaR per portfolio.</param>
    /// <param name="expectedShortfall">Receives one ES per portfolio.</param>
    /// <param name="maxDegreeOfParallelism">Cores to use; −1 for all.</param>
    public void Compute(ReadOnlyMemory<double> exposures, RiskOptions options, Memory<double> var, Memory<double> expectedShortfall, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(options);
        int portfolios = var.Length;
        Guard.Length(expectedShortfall.Length, portfolios, nameof(expectedShortfall));
        Guard.Length(exposures.Length, portfolios * Instruments, nameof(exposures));
        Run(portfolios, maxDegreeOfParallelism, (start, end) => ComputeDense(exposures.Span, options, var.Span, expectedShortfall.Span, start, end));
    }

    /// <summary>
    /// The same for sparse books: each portfolio's P&amp;L sums only its own columns, in their order, so a book gives
    /// bit for bit what <see cref="HistoricalVar.Compute(ReturnMatrix, ReadOnlySpan{double}, RiskOptions)"/> gives
    /// on its gathered columns in that order.
    /// </summary>
    public void Compute(SparseBooks books, RiskOptions options, Memory<double> var, Memory<double> expectedShortfall, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(options);
        books.Validate();
        int portfolios = books.Count;
        Guard.Length(var.Length, portfolios, nameof(var));
        Guard.Length(expectedShortfall.Length, portfolios, nameof(expectedShortfall));
        Run(portfolios, maxDegreeOfParallelism, (start, end) => ComputeSparse(books, options, var.Span, expectedShortfall.Span, start, end));
    }

    /// <summary>
    /// Each sparse book's scenario P&amp;L (row-major, books × scenarios), for callers that take several measures of
    /// one P&amp;L. Summed as <see cref="Compute(SparseBooks, RiskOptions, Memory{double}, Memory{double}, int)"/> sums,
    /// so a book's row is bit for bit <see cref="PortfolioPnl.FromReturns"/> of its gathered columns in that order.
    /// </summary>
    public void ComputePnl(SparseBooks books, Memory<double> pnl, int maxDegreeOfParallelism = -1)
    {
        books.Validate();
        int portfolios = books.Count;
        Guard.Length(pnl.Length, portfolios * Scenarios, nameof(pnl));
        Run(portfolios, maxDegreeOfParallelism, (start, end) =>
        {
            ReadOnlySpan<int> offsets = books.Offsets.Span;
            for (int p = start; p < end; p++)
            {
                int from = offsets[p], count = offsets[p + 1] - from;
                ScenarioPnl.ComputeGathered(
                    _transposed, Scenarios, books.Columns.Span.Slice(from, count), books.Exposures.Span.Slice(from, count), pnl.Span.Slice(p * Scenarios, Scenarios));
            }
        });
    }

    private static void Run(int portfolios, int maxDegreeOfParallelism, Action<int, int> range)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentException($"Degree of parallelism must be −1 or positive; got {maxDegreeOfParallelism}.", nameof(maxDegreeOfParallelism));
        }

        int workers = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        workers = Math.Clamp(workers, 1, Math.Max(1, portfolios));
        if (workers == 1)
        {
            range(0, portfolios);
            return;
        }

        // One contiguous chunk per worker: a single scratch buffer each and no false sharing on the outputs.
        int chunk = (portfolios + workers - 1) / workers;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int start = w * chunk;
            int end = Math.Min(portfolios, start + chunk);
            if (start < end)
            {
                range(start, end);
            }
        });
    }

    private void ComputeDense(ReadOnlySpan<double> exposures, RiskOptions options, Span<double> var, Span<double> es, int start, int end)
    {
        double[] buffer = ArrayPool<double>.Shared.Rent(Scenarios);
        try
        {
            Span<double> losses = buffer.AsSpan(0, Scenarios);
            double scale = options.SqrtHorizon;
            int m = Instruments;
            Span<double> negated = m <= 256 ? stackalloc double[m] : new double[m];
            for (int p = start; p < end; p++)
            {
                // Negating the exposures yields losses directly and saves a pass over the scenarios.
                TensorPrimitives.Negate(exposures.Slice(p * m, m), negated);
                ScenarioPnl.ComputeTransposed(_transposed, Scenarios, negated, losses);
                VarEs r = TailRisk.Measure(losses, options.Confidence, options.Rule);
                var[p] = r.ValueAtRisk * scale;
                es[p] = r.ExpectedShortfall * scale;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private void ComputeSparse(SparseBooks books, RiskOptions options, Span<double> var, Span<double> es, int start, int end)
    {
        double[] buffer = ArrayPool<double>.Shared.Rent(Scenarios);
        double[] negatedBuffer = ArrayPool<double>.Shared.Rent(64);
        try
        {
            Span<double> losses = buffer.AsSpan(0, Scenarios);
            double scale = options.SqrtHorizon;
            ReadOnlySpan<int> offsets = books.Offsets.Span;
            ReadOnlySpan<int> columns = books.Columns.Span;
            ReadOnlySpan<double> exposures = books.Exposures.Span;
            for (int p = start; p < end; p++)
            {
                int from = offsets[p], count = offsets[p + 1] - from;
                if (negatedBuffer.Length < count)
                {
                    ArrayPool<double>.Shared.Return(negatedBuffer);
                    negatedBuffer = ArrayPool<double>.Shared.Rent(count);
                }

                Span<double> negated = negatedBuffer.AsSpan(0, count);
                TensorPrimitives.Negate(exposures.Slice(from, count), negated);
                ScenarioPnl.ComputeGathered(_transposed, Scenarios, columns.Slice(from, count), negated, losses);
                VarEs r = TailRisk.Measure(losses, options.Confidence, options.Rule);
                var[p] = r.ValueAtRisk * scale;
                es[p] = r.ExpectedShortfall * scale;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
            ArrayPool<double>.Shared.Return(negatedBuffer);
        }
    }
}
