using RiskRadar.Contracts.Events;
using RiskRadar.StreamProcessor.Pipeline.Portfolios;

namespace RiskRadar.StreamProcessor.Pipeline.Live;

/// <summary>
/// The books somebody is watching, whose figures follow every tick between refreshes (<see cref="LiveValueEngine"/>).
/// Book tasks hand it the figure and layout of a watched book at each refresh instead of publishing the figure
/// themselves; every other book's figures go straight to the provisional sinks.
/// </summary>
public interface ILiveBooks
{
    /// <summary>Nobody is watching: every figure is published at its refresh (tests, tools, and LiveValues:Enabled false).</summary>
    static ILiveBooks None { get; } = new Nobody();

    /// <summary>Changes whenever the watched set does, so a book task can refresh the books that became watched.</summary>
    int Generation { get; }

    IReadOnlySet<string> Watched { get; }

    /// <summary>Called from stream threads: the newest figure of watched books and what they were valued from.</summary>
    void Refreshed(IReadOnlyList<(LiveBook Book, ProvisionalRisk Figure)> books);

    /// <summary>Called from a stream thread when a book task closes (its books move to another task, here or in another process).</summary>
    void Forget(IReadOnlyCollection<string> portfolioIds);

    private sealed class Nobody : ILiveBooks
    {
        public int Generation => 0;

        public IReadOnlySet<string> Watched { get; } = new HashSet<string>();

        public void Refreshed(IReadOnlyList<(LiveBook Book, ProvisionalRisk Figure)> books) =>
            throw new InvalidOperationException("No book is watched: its figures are published at the refresh.");

        public void Forget(IReadOnlyCollection<string> portfolioIds)
        {
        }
    }
}
