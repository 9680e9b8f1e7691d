namespace RiskRadar.Gateway.Audit;

/// <summary>Whether the audit store took a record (or answered a probe) recently, so a busy gateway need not probe it per write.</summary>
public sealed class AuditHealth(TimeProvider time)
{
    /// <summary>How recent a success must be for a write to go ahead without a probe.</summary>
    public static readonly TimeSpan TrustWindow = TimeSpan.FromSeconds(1);

    private long _lastSuccessTicks;

    public bool RecentlyHealthy => time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastSuccessTicks) < TrustWindow.Ticks;

    public void Succeeded() => Interlocked.Exchange(ref _lastSuccessTicks, time.GetUtcNow().UtcTicks);

    public void Failed() => Interlocked.Exchange(ref _lastSuccessTicks, 0);
}
