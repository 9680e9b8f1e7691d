using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>What a portfolio task reads about instruments from the global tables: their master data.</summary>
public interface IMarketData
{
    InstrumentReference? Reference(string instrumentId);

    /// <summary>The master's market factors (curve pillars, surface nodes), which contracts are valued on.</summary>
    IReadOnlyList<InstrumentReference> Factors() => [];
}

public static class MarketDataExtensions
{
    /// <summary>What a multi-asset book of <paramref name="instrumentIds"/> is valued with: them, their underlyings and the master's factors.</summary>
    public static Dictionary<string, InstrumentReference> ValuationReferences(this IMarketData market, IEnumerable<string> instrumentIds)
    {
        var references = market.Factors().ToDictionary(f => f.InstrumentId, StringComparer.Ordinal);
        foreach (var id in instrumentIds)
        {
            if (market.Reference(id) is { } reference)
            {
                references[id] = reference;
                if ((reference.Option?.Underlying ?? reference.Future?.Underlying) is { } underlying && market.Reference(underlying) is { } spot)
                {
                    references[underlying] = spot;
                }
            }
        }

        return references;
    }
}
