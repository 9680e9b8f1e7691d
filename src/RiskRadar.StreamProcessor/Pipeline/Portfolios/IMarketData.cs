using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>What a portfolio task reads about instruments it does not own: master data and scenario histories.</summary>
public interface IMarketData
{
    InstrumentReference? Reference(string instrumentId);

    InstrumentScenario? Scenario(string instrumentId);
}
