namespace RiskRadar.Analytics.Stress;

/// <summary>
/// A holding for stress testing: quantity, current price, asset class, and optional factor loadings
/// (sensitivity of the instrument's return, or of its price for absolute factor shocks, to each factor).
/// </summary>
public sealed record StressPosition
{
    public StressPosition(string instrument, double quantity, double price, string assetClass, IReadOnlyDictionary<string, double>? factorLoadings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instrument);
        ArgumentException.ThrowIfNullOrWhiteSpace(assetClass);
        Guard.Finite(quantity, nameof(quantity));
        Guard.Positive(price, nameof(price));
        Instrument = instrument;
        Quantity = quantity;
        Price = price;
        AssetClass = assetClass;
        FactorLoadings = factorLoadings is null ? new Dictionary<string, double>() : new Dictionary<string, double>(factorLoadings);
    }

    public string Instrument { get; }

    public double Quantity { get; }

    public double Price { get; }

    public string AssetClass { get; }

    public IReadOnlyDictionary<string, double> FactorLoadings { get; }

    public double MarketValue => Quantity * Price;
}
