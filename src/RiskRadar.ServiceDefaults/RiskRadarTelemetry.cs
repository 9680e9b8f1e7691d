using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RiskRadar.ServiceDefaults;

/// <summary>
/// The meter and activity source the services use for their own (non-framework) telemetry.
/// </summary>
public static class RiskRadarTelemetry
{
    public const string MeterName = "RiskRadar";
    public const string ActivitySourceName = "RiskRadar";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
