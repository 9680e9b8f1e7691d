namespace RiskRadar.Analytics.Instruments.Futures;

/// <summary>
/// Cost-of-carry fair value of a future: F = S·e^((r − y)T), with r the continuously compounded zero rate to expiry
/// and y the carry yield (dividend yield for an index, the foreign rate for a currency, convenience yield net of
/// storage for a commodity). Futures are margined daily, so a position's P&amp;L is its quantity × multiplier × ΔF.
/// </summary>
public static class FuturePricer
{
    public static double FairValue(double spot, double rate, double carryYield, double expiry)
    {
        Guard.Positive(spot, nameof(spot));
        Guard.Finite(rate, nameof(rate));
        Guard.Finite(carryYield, nameof(carryYield));
        Guard.NonNegative(expiry, nameof(expiry));
        return spot * Math.Exp((rate - carryYield) * expiry);
    }
}
