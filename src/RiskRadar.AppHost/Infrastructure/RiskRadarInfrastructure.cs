namespace RiskRadar.AppHost.Infrastructure;

/// <summary>
/// The three connection strings every service receives (<c>kafka</c>, <c>timeseries</c>, <c>cache</c>) and the
/// server resources behind them that services wait for. Same names in both modes, so services cannot tell.
/// </summary>
public sealed record RiskRadarInfrastructure(
    InfrastructureMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Kafka,
    IResourceBuilder<IResourceWithConnectionString> Timeseries,
    IResourceBuilder<IResourceWithConnectionString> Cache,
    IReadOnlyList<IResourceBuilder<IResource>> Servers);

public static class RiskRadarInfrastructureExtensions
{
    public const string KafkaConnectionName = "kafka";
    public const string TimeseriesConnectionName = "timeseries";
    public const string CacheConnectionName = "cache";

    public static RiskRadarInfrastructure AddRiskRadarInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = InfrastructureModeResolver.Resolve(builder);
        return mode == InfrastructureMode.Local
            ? builder.AddLocalInfrastructure()
            : builder.AddContainerInfrastructure();
    }

    /// <summary>Hands the service the three connection strings and starts it only once the servers are healthy.</summary>
    public static IResourceBuilder<T> WithInfrastructure<T>(this IResourceBuilder<T> service, RiskRadarInfrastructure infrastructure)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        service.WithReference(infrastructure.Kafka)
            .WithReference(infrastructure.Timeseries)
            .WithReference(infrastructure.Cache);
        foreach (var server in infrastructure.Servers)
        {
            service.WaitFor(server);
        }

        return service;
    }
}
