namespace RiskRadar.Contracts.Events;

/// <summary>
/// Instrument master record, keyed by <see cref="InstrumentId"/> on the compacted topic <c>reference.instruments</c>.
/// Ingestion owns the master (PostgreSQL, seeded from a file) and publishes every record it holds.
/// </summary>
/// <param name="InstrumentId">Master id, e.g. <c>EQ.AAPL</c>.</param>
/// <param name="Symbol">Exchange or market symbol.</param>
/// <param name="AssetClass">One of <see cref="AssetClasses"/>.</param>
/// <param name="Currency">ISO 4217 currency the price is quoted in.</param>
/// <param name="PriceScale">Multiplier from a feed's raw price to the price in <paramref name="Currency"/> (e.g. 0.01 for pence).</param>
/// <param name="Kind">One of <see cref="InstrumentKinds"/>; a non-spot kind carries its contract terms in the property of its name.</param>
/// <param name="Option">A European option's terms (kind <c>Option</c>); its settlement currency is <paramref name="Currency"/>.</param>
/// <param name="Future">A future's terms (kind <c>Future</c>).</param>
/// <param name="Bond">A fixed-rate bond's terms (kind <c>Bond</c>).</param>
/// <param name="Rate">A zero-curve pillar (kind <c>Rate</c>), a market factor.</param>
/// <param name="Volatility">An implied-volatility surface node (kind <c>Volatility</c>), a market factor.</param>
/// <param name="Version">1 when created, one more at each change of the record.</param>
public sealed record InstrumentReference(
    string InstrumentId,
    string Symbol,
    string AssetClass,
    string Currency,
    double PriceScale,
    string Kind = InstrumentKinds.Spot,
    OptionContract? Option = null,
    FutureContract? Future = null,
    BondContract? Bond = null,
    RateFactor? Rate = null,
    VolatilityFactor? Volatility = null,
    int Version = 1);

/// <summary>
/// What an instrument is. Spot instruments are priced by their feeds; options, futures and bonds are contracts valued
/// from their terms; rates and volatilities are market factors: their levels stream and have daily history like
/// prices, nobody holds them, and contracts are valued on them.
/// </summary>
public static class InstrumentKinds
{
    public const string Spot = "Spot";
    public const string Option = "Option";
    public const string Future = "Future";
    public const string Bond = "Bond";
    public const string Rate = "Rate";
    public const string Volatility = "Volatility";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Spot, Option, Future, Bond, Rate, Volatility };

    /// <summary>Kinds a feed quotes (a tick, a daily close): the others are valued from their terms.</summary>
    public static bool IsQuoted(string kind) => kind is Spot or Rate or Volatility;

    /// <summary>Kinds valued from their terms on market factors, which a portfolio may hold.</summary>
    public static bool IsContract(string? kind) => kind is Option or Future or Bond;
}

/// <summary>The asset classes RiskRadar aggregates exposure by.</summary>
public static class AssetClasses
{
    public const string Equity = "Equity";
    public const string Fx = "Fx";
    public const string Crypto = "Crypto";
    public const string FixedIncome = "FixedIncome";
    public const string Commodity = "Commodity";

    /// <summary>Implied-volatility surface nodes (market factors, not held).</summary>
    public const string Volatility = "Volatility";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Equity, Fx, Crypto, FixedIncome, Commodity, Volatility };

    /// <summary>
    /// Daily rows a year by asset class, for annualising over daily scenarios; a book takes the largest of its
    /// classes (its rows are the union of their calendars), 252 when none is listed.
    /// </summary>
    public static IReadOnlyDictionary<string, int> DefaultDaysPerYear { get; } =
        new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { [Equity] = 252, [Fx] = 260, [Crypto] = 365 };
}
