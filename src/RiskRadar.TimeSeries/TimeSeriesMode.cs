namespace RiskRadar.TimeSeries;

/// <summary>How the history tables are laid out in the database.</summary>
public enum TimeSeriesMode
{
    /// <summary>TimescaleDB hypertables with compression, retention policy and a continuous aggregate.</summary>
    Timescale,

    /// <summary>Plain PostgreSQL range partitioning by day, maintained by this library.</summary>
    NativePartitions,
}
