namespace RiskRadar.Analytics.Scenarios;

/// <summary>Where a long-running computation takes the daily scenario set it should use now.</summary>
public interface ICurrentScenarioSet
{
    /// <summary>The newest set, or null while no daily history exists.</summary>
    ScenarioSet? Current { get; }

    /// <summary>A set that never changes (null: no daily history), for replays, tests and benchmarks.</summary>
    static ICurrentScenarioSet Fixed(ScenarioSet? set) => new FixedScenarioSet(set);

    private sealed class FixedScenarioSet(ScenarioSet? set) : ICurrentScenarioSet
    {
        public ScenarioSet? Current => set;
    }
}
