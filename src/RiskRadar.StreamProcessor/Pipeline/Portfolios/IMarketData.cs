using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>What a portfolio task reads about instruments from the global tables: their master data.</summary>
public interface IMarketData
{
    InstrumentReference? Reference(string instrumentId);

    /// <summary>The master's market factors (curve pillars, surface nodes), which contracts are valued on.</summary>
    IReadOnlyList<InstrumentReference> Factors() => [];
}
