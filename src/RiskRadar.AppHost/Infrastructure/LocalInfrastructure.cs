namespace RiskRadar.AppHost.Infrastructure;

/// <summary>
/// For machines without a container runtime: PostgreSQL 15 and redis-server from the distribution's packages,
/// run as executables on orchestrator-assigned loopback ports, and the Kafka development broker.
/// Data lives under <c>RiskRadar:LocalDataRoot</c> (default <c>.data/dev</c> in the repository, git-ignored);
/// tests point it at their own directory so they never touch a developer's running stack.
/// </summary>
public static class LocalInfrastructure
{
    public const string DataRootKey = "RiskRadar:LocalDataRoot";

    public static RiskRadarInfrastructure AddLocalInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
        var dataRoot = Path.GetFullPath(builder.Configuration[DataRootKey] ?? Path.Combine(repositoryRoot, ".data", "dev"));
        if (builder.ExecutionContext.IsRunMode)
        {
            LocalDataRoot.EnsureUsable(dataRoot);
        }

        var scripts = Path.Combine(repositoryRoot, "eng", "local");

        var postgresPassword = builder.AddParameter("postgres-password", Secret(), secret: true, persist: true);
        var postgres = builder.AddExecutable("postgres", "bash", repositoryRoot, Path.Combine(scripts, "postgres.sh"), Path.Combine(dataRoot, "postgres"))
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "PGPORT")
            .WithEnvironment("POSTGRES_PASSWORD", postgresPassword)
            .WithEnvironment("POSTGRES_DB", RiskRadarInfrastructureExtensions.TimeseriesConnectionName);
        var pg = postgres.GetEndpoint("tcp");
        var timeseries = builder.AddConnectionString(
            RiskRadarInfrastructureExtensions.TimeseriesConnectionName,
            ReferenceExpression.Create($"Host={pg.Property(EndpointProperty.Host)};Port={pg.Property(EndpointProperty.Port)};Username=postgres;Password={postgresPassword};Database={RiskRadarInfrastructureExtensions.TimeseriesConnectionName}"));
        postgres.WithConnectionHealthCheck(timeseries, ConnectionStringHealthCheck.PostgresAsync);

        var redisPassword = builder.AddParameter("redis-password", Secret(), secret: true, persist: true);
        var redis = builder.AddExecutable("redis", "bash", repositoryRoot, Path.Combine(scripts, "redis.sh"), Path.Combine(dataRoot, "redis"))
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "REDIS_PORT")
            .WithEnvironment("REDIS_PASSWORD", redisPassword);
        var rd = redis.GetEndpoint("tcp");
        var cache = builder.AddConnectionString(
            RiskRadarInfrastructureExtensions.CacheConnectionName,
            ReferenceExpression.Create($"{rd.Property(EndpointProperty.HostAndPort)},password={redisPassword}"));
        redis.WithConnectionHealthCheck(cache, ConnectionStringHealthCheck.RedisAsync);

        var kafkaBroker = builder.AddProject<Projects.RiskRadar_DevBroker>("kafka-broker")
            .WithEndpoint(name: "kafka", scheme: "tcp", env: "DevBroker__Port")
            .WithHttpHealthCheck("/health");
        var kafka = builder.AddConnectionString(
            RiskRadarInfrastructureExtensions.KafkaConnectionName,
            ReferenceExpression.Create($"{kafkaBroker.GetEndpoint("kafka").Property(EndpointProperty.HostAndPort)}"));

        return new RiskRadarInfrastructure(InfrastructureMode.Local, kafka, timeseries, cache, [postgres, redis, kafkaBroker]);
    }

    private static GenerateParameterDefault Secret() => new() { MinLength = 24, Special = false };
}
