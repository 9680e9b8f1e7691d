namespace RiskRadar.TimeSeries.History;

/// <summary>One instrument's trading day: its close, and its open, high and low where the source knows them.</summary>
public sealed record DailyBar(string InstrumentId, DateOnly Day, double Close, double? Open = null, double? High = null, double? Low = null);

/// <summary>Where a daily bar came from, stored with it.</summary>
public static class DailyBarSources
{
    public const string Import = "import";
    public const string Stream = "stream";
    public const string Bundled = "bundled";
}

/// <summary>What a write did: bars added for days the store did not have, and bars that replaced a stored day.</summary>
public readonly record struct DailyWriteResult(int Inserted, int Replaced, long Revision);
