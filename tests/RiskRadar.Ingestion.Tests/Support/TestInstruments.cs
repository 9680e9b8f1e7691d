using RiskRadar.Contracts.Events;
using RiskRadar.Ingestion.Instruments;

namespace RiskRadar.Ingestion.Tests.Support;

public static class TestInstruments
{
    public static InstrumentReference Aapl { get; } = new("EQ.AAPL", "AAPL", AssetClasses.Equity, "USD", 1);

    /// <summary>Quoted by feeds in pence, mastered in pounds.</summary>
    public static InstrumentReference Vod { get; } = new("EQ.VOD", "VOD.L", AssetClasses.Equity, "GBP", 0.01);

    public static InstrumentLookup Lookup { get; } = new([Aapl, Vod]);

    public static InstrumentMaster LoadedMaster()
    {
        // The data source is never opened: the lookup is supplied directly.
        var master = new InstrumentMaster(new InstrumentStore(Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1")));
        master.Use(Lookup);
        return master;
    }
}
