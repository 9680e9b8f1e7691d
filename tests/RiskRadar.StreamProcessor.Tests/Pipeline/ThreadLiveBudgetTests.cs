using System.Diagnostics;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Pipeline.Portfolios;

namespace RiskRadar.StreamProcessor.Tests.Pipeline;

public sealed class ThreadLiveBudgetTests
{
    private static readonly PipelineOptions Options = new() { LiveRefresh = TimeSpan.FromMilliseconds(250), LiveBudget = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public void The_book_tasks_of_one_thread_share_one_budget_per_refresh_period()
    {
        var budget = new ThreadLiveBudget();
        var t0 = Stopwatch.GetTimestamp();
        long At(double ms) => t0 + (long)(Stopwatch.Frequency * ms / 1000);

        Assert.Equal(TimeSpan.FromMilliseconds(50), budget.Left(At(0), Options)); // the first task's refresh
        budget.Spend(TimeSpan.FromMilliseconds(30));
        Assert.Equal(TimeSpan.FromMilliseconds(20), budget.Left(At(1), Options)); // the second task's, same period
        budget.Spend(TimeSpan.FromMilliseconds(35));
        Assert.True(budget.Left(At(2), Options) < TimeSpan.Zero); // the third gets its one book only

        Assert.Equal(TimeSpan.FromMilliseconds(50), budget.Left(At(251), Options)); // a new period
    }

    [Fact]
    public void Each_stream_thread_and_each_topology_has_its_own_ledger()
    {
        var here = ThreadLiveBudget.For(Options);
        ThreadLiveBudget? there = null;
        var thread = new Thread(() => there = ThreadLiveBudget.For(Options));
        thread.Start();
        thread.Join();
        Assert.Same(here, ThreadLiveBudget.For(Options));
        Assert.NotNull(there);
        Assert.NotSame(here, there);
        Assert.NotSame(here, ThreadLiveBudget.For(new PipelineOptions()));
    }
}
