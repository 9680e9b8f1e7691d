using RiskRadar.Contracts.Events;
using RiskRadar.StreamProcessor.Pipeline.Portfolios;

namespace RiskRadar.StreamProcessor.Pipeline.Screening;

/// <summary>
/// What the pipeline refuses to process, as dead-letter reasons (<c>code: detail</c>). JSON that parses but lacks
/// required fields (another schema) arrives here with nulls and defaults, so shape is checked as well as meaning.
/// JSON cannot carry NaN or infinities (such records fail to deserialize and are dead-lettered raw); the finiteness
/// checks guard the records the topology itself builds.
/// </summary>
public static class InputRules
{
    public static string? Tick(PriceTick? tick, IMarketData market) => tick switch
    {
        null => "schema: empty record",
        { InstrumentId: null or "" } => "schema: no instrumentId",
        { Timestamp.Ticks: 0 } => "schema: no timestamp",
        { Price: var price } when !double.IsFinite(price) || price <= 0 => $"invalid-price: {price}",
        _ when market.Reference(tick.InstrumentId) is null => $"unknown-instrument: {tick.InstrumentId}",
        _ => null,
    };

    public static string? Position(PositionChange? position, IMarketData market) => position switch
    {
        null => "schema: empty record",
        { PortfolioId: null or "" } => "schema: no portfolioId",
        { TenantId: null or "" } => "schema: no tenantId",
        { InstrumentId: null or "" } => "schema: no instrumentId",
        { BaseCurrency: not { Length: 3 } } => $"schema: baseCurrency '{position.BaseCurrency}' is not an ISO 4217 code",
        { Quantity: var quantity } when !double.IsFinite(quantity) => $"invalid-quantity: {quantity}",
        _ when market.Reference(position.InstrumentId) is null => $"unknown-instrument: {position.InstrumentId}",
        _ => null,
    };
}
