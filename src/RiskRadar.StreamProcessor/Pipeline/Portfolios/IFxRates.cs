namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>The FX pairs a book task can convert with, and their rate at a time.</summary>
public interface IFxRates
{
    /// <summary>True when the pair (an instrument id such as <c>FX.EURUSD</c>) has a price stream.</summary>
    bool Quotes(string pairId);

    /// <summary>Quote-currency units per base-currency unit at <paramref name="time"/>; null before the pair's first bar closed.</summary>
    double? RateAt(string pairId, long time);
}
