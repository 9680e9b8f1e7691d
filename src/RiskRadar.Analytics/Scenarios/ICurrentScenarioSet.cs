namespace RiskRadar.Analytics.Scenarios;

/// <summary>Where a long-running computation takes the daily scenario set it should use now.</summary>
public interface ICurrentScenarioSet
{
    /// <summary>The newest set, or null while no daily history exists.</summary>
    ScenarioSet? Current { get; }
}
