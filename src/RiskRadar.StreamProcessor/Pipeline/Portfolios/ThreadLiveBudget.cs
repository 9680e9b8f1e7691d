using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// The provisional refreshes' share of one stream thread: at most <see cref="PipelineOptions.LiveBudget"/> per
/// <see cref="PipelineOptions.LiveRefresh"/> for all the book tasks the thread runs together, not for each.
/// </summary>
/// <remarks>
/// Each book task schedules its own refresh; with the budget per task, six book partitions on one thread took up to
/// 6 × 50 ms of every 250 ms, and at 10,000 portfolios (every book always changed) the final windows starved: 1,996
/// committed ticks/s and no aggregate in the harness run. Streamiz runs a thread's tasks and punctuations on that
/// thread, so the ledger is per thread, and per topology (its options instance): another topology whose tasks run
/// on the same thread, as test drivers' do one after another, keeps its own.
/// </remarks>
internal sealed class ThreadLiveBudget
{
    [ThreadStatic]
    private static ConditionalWeakTable<PipelineOptions, ThreadLiveBudget>? s_ledgers;

    private long _periodStart = long.MinValue;
    private long _spent;

    /// <summary>The ledger of the calling stream thread for the topology built with <paramref name="options"/>.</summary>
    public static ThreadLiveBudget For(PipelineOptions options) =>
        (s_ledgers ??= []).GetValue(options, static _ => new ThreadLiveBudget());

    /// <summary>What is left of the budget in the current refresh period at <paramref name="now"/> (Stopwatch ticks); a new period starts full.</summary>
    public TimeSpan Left(long now, PipelineOptions options)
    {
        if (_periodStart == long.MinValue || Stopwatch.GetElapsedTime(_periodStart, now) >= options.LiveRefresh)
        {
            (_periodStart, _spent) = (now, 0);
        }

        return options.LiveBudget - TimeSpan.FromTicks(_spent);
    }

    /// <summary>Books the time a refresh took against the current period.</summary>
    public void Spend(TimeSpan spent) => _spent += spent.Ticks;
}
