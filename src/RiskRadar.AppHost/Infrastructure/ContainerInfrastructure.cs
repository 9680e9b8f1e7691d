namespace RiskRadar.AppHost.Infrastructure;

/// <summary>Kafka (KRaft, single node), TimescaleDB and Redis as containers: production's shape.</summary>
public static class ContainerInfrastructure
{
    public const string KafkaImage = "apache/kafka";
    public const string KafkaTag = "3.9.1";
    public const string TimescaleImage = "timescale/timescaledb";
    public const string TimescaleTag = "2.17.2-pg16";

    private const int KafkaPort = 9092;

    public static RiskRadarInfrastructure AddContainerInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var publish = builder.ExecutionContext.IsPublishMode;

        // Clients on the host reach the broker through an unproxied port, so it must advertise that address;
        // inside a cluster it advertises its service name.
        var advertised = publish ? $"PLAINTEXT://kafka-broker:{KafkaPort}" : $"PLAINTEXT://localhost:{KafkaPort}";
        var kafkaBroker = builder.AddContainer("kafka-broker", KafkaImage, KafkaTag)
            .WithEndpoint(port: KafkaPort, targetPort: KafkaPort, name: "kafka", scheme: "tcp", isProxied: false)
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093")
            .WithEnvironment("KAFKA_ADVERTISED_LISTENERS", advertised)
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .WithEnvironment("KAFKA_NUM_PARTITIONS", Contracts.Topics.TopicCatalog.InputPartitions.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
            .WithVolume("riskradar-kafka-data", "/var/lib/kafka/data");
        var kafkaEndpoint = kafkaBroker.GetEndpoint("kafka");
        var kafka = builder.AddConnectionString(
            RiskRadarInfrastructureExtensions.KafkaConnectionName,
            ReferenceExpression.Create($"{kafkaEndpoint.Property(EndpointProperty.HostAndPort)}"));
        kafkaBroker.WithConnectionHealthCheck(kafka, ConnectionStringHealthCheck.KafkaAsync);

        var postgres = builder.AddPostgres("postgres")
            .WithImage(TimescaleImage, TimescaleTag)
            .WithDataVolume("riskradar-timescale-data");
        var timeseries = postgres.AddDatabase(RiskRadarInfrastructureExtensions.TimeseriesConnectionName);

        var cache = builder.AddRedis(RiskRadarInfrastructureExtensions.CacheConnectionName)
            .WithDataVolume("riskradar-redis-data")
            .WithPersistence();

        return new RiskRadarInfrastructure(
            InfrastructureMode.Containers,
            kafka,
            timeseries,
            cache,
            [kafkaBroker, timeseries, cache]);
    }
}
