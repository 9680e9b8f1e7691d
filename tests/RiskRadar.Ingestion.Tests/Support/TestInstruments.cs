using RiskRadar.Contracts.Events;
using RiskRadar.Data.Instruments;
using RiskRadar.Ingestion.Instruments;

namespace RiskRadar.Ingestion.Tests.Support;

public static class TestInstruments
{
    public static InstrumentReference Aapl { get; } = new("EQ.AAPL", "AAPL", AssetClasses.Equity, "USD", 1);

    /// <summary>Quoted by feeds in pence, mastered in pounds.</summary>
    public static InstrumentReference Vod { get; } = new("EQ.VOD", "VOD.L", AssetClasses.Equity, "GBP", 0.01);

    /// <summary>Valued from its terms: a price for it is refused.</summary>
    public static InstrumentReference AaplCall { get; } = new("OP.AAPL.C200", "AAPL C200", AssetClasses.Equity, "USD", 1, InstrumentKinds.Option,
        Option: new OptionContract("EQ.AAPL", OptionRights.Call, 200, new DateOnly(2030, 1, 18), 100, DividendYield: 0.005));

    /// <summary>A curve pillar quoted in percent: 4.25 is a zero rate of 0.0425, published as 100·e^(−0.0425·5).</summary>
    public static InstrumentReference Usd5Y { get; } = new("IR.USD.5Y", "USD 5Y", AssetClasses.FixedIncome, "USD", 0.01, InstrumentKinds.Rate, Rate: new RateFactor("USD", "5Y"));

    public static InstrumentReference AaplVol { get; } = new("VOL.AAPL.3M.ATM", "AAPL 3M ATM VOL", AssetClasses.Volatility, "USD", 1, InstrumentKinds.Volatility,
        Volatility: new VolatilityFactor("EQ.AAPL", "3M", 1.0));

    public static InstrumentLookup Lookup { get; } = new([Aapl, Vod, AaplCall, Usd5Y, AaplVol]);

    public static InstrumentMaster LoadedMaster()
    {
        // The data source is never opened: the lookup is supplied directly.
        var master = new InstrumentMaster(new InstrumentMasterStore(Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1")));
        master.Use(Lookup);
        return master;
    }
}
