using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RiskRadar.ServiceDefaults.Kafka;

/// <summary>
/// Builds Kafka client configurations and clients from the <c>kafka</c> connection string and the
/// <see cref="KafkaClientSettings"/>, wiring statistics into metrics and librdkafka logs into ILogger.
/// This is what Aspire.Confluent.Kafka would provide; that package is not available to this project.
/// </summary>
public sealed class KafkaClientFactory(
    IConfiguration configuration,
    IOptions<KafkaClientSettings> settings,
    KafkaStatisticsMetrics statistics,
    ILoggerFactory loggerFactory)
{
    public const string ConnectionName = "kafka";

    private readonly ILogger _logger = loggerFactory.CreateLogger("RiskRadar.Kafka");

    public string BootstrapServers => KafkaConnectionString.Parse(
        configuration.GetConnectionString(ConnectionName)
        ?? throw new InvalidOperationException(
            $"Connection string '{ConnectionName}' is missing: run the service from the AppHost or set ConnectionStrings__{ConnectionName}."));

    public KafkaClientSettings Settings => settings.Value;

    public ProducerConfig CreateProducerConfig(string clientId)
    {
        var config = new ProducerConfig(Merge(settings.Value.Producer))
        {
            BootstrapServers = BootstrapServers,
            ClientId = clientId,
        };

        // Keyed topics are joined by key in the StreamProcessor: every producer must put a key in the same partition,
        // and murmur2 is also what Java clients use.
        config.Partitioner ??= Partitioner.Murmur2Random;
        ApplyStatistics(config);
        return config;
    }

    public ConsumerConfig CreateConsumerConfig(string clientId, string groupId)
    {
        var config = new ConsumerConfig(Merge(settings.Value.Consumer))
        {
            BootstrapServers = BootstrapServers,
            ClientId = clientId,
            GroupId = groupId,
        };
        ApplyStatistics(config);
        return config;
    }

    public AdminClientConfig CreateAdminConfig(string clientId) => new(Merge([]))
    {
        BootstrapServers = BootstrapServers,
        ClientId = clientId,
    };

    public IProducer<TKey, TValue> CreateProducer<TKey, TValue>(
        ProducerConfig config,
        Action<ProducerBuilder<TKey, TValue>>? configure = null)
    {
        var builder = new ProducerBuilder<TKey, TValue>(config)
            .SetLogHandler((_, message) => Log(message))
            .SetErrorHandler((_, error) => _logger.LogWarning("Kafka producer error {Code}: {Reason}", error.Code, error.Reason));
        if (config.StatisticsIntervalMs > 0)
        {
            builder.SetStatisticsHandler((_, json) => statistics.Record(config.ClientId, json));
        }

        configure?.Invoke(builder);
        return builder.Build();
    }

    public IConsumer<TKey, TValue> CreateConsumer<TKey, TValue>(
        ConsumerConfig config,
        Action<ConsumerBuilder<TKey, TValue>>? configure = null)
    {
        var builder = new ConsumerBuilder<TKey, TValue>(config)
            .SetLogHandler((_, message) => Log(message))
            .SetErrorHandler((_, error) => _logger.LogWarning("Kafka consumer error {Code}: {Reason}", error.Code, error.Reason));
        if (config.StatisticsIntervalMs > 0)
        {
            builder.SetStatisticsHandler((_, json) => statistics.Record(config.ClientId, json));
        }

        configure?.Invoke(builder);
        return builder.Build();
    }

    private Dictionary<string, string> Merge(Dictionary<string, string> specific)
    {
        var merged = new Dictionary<string, string>(settings.Value.Common, StringComparer.Ordinal);
        foreach (var (key, value) in specific)
        {
            merged[key] = value;
        }

        return merged;
    }

    private void ApplyStatistics(ClientConfig config)
    {
        if (config.StatisticsIntervalMs is null && settings.Value.StatisticsIntervalMs > 0)
        {
            config.StatisticsIntervalMs = settings.Value.StatisticsIntervalMs;
        }
    }

    private void Log(LogMessage message)
    {
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
            SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        _logger.Log(level, "librdkafka {Facility} [{Client}]: {Message}", message.Facility, message.Name, message.Message);
    }
}
