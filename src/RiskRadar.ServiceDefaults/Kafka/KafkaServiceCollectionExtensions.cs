using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskRadar.ServiceDefaults.Kafka;

namespace Microsoft.Extensions.Hosting;

public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Kafka client factory (bootstrap servers from the <c>kafka</c> connection string,
    /// settings from the <c>Kafka</c> section), statistics metrics and the <c>kafka</c> health check.
    /// </summary>
    public static TBuilder AddKafkaClients<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<KafkaClientSettings>()
            .Bind(builder.Configuration.GetSection(KafkaClientSettings.SectionName));
        builder.Services.TryAddSingleton<KafkaStatisticsMetrics>();
        builder.Services.TryAddSingleton<KafkaClientFactory>();
        // Every producer registration calls this; a second health check of the same name would stop the host.
        if (builder.Services.Any(d => d.ServiceType == typeof(KafkaHealthCheck)))
        {
            return builder;
        }

        builder.Services.AddSingleton<KafkaHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka", tags: ["ready"]);
        return builder;
    }

    /// <summary>Registers a singleton producer, idempotent by default so retries never duplicate a record.</summary>
    public static IHostApplicationBuilder AddKafkaProducer<TKey, TValue>(
        this IHostApplicationBuilder builder,
        string clientId,
        Action<ProducerConfig>? configureConfig = null,
        Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        builder.AddKafkaClients();
        builder.Services.AddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<KafkaClientFactory>();
            var config = factory.CreateProducerConfig(clientId);
            config.EnableIdempotence ??= true;
            configureConfig?.Invoke(config);
            return factory.CreateProducer<TKey, TValue>(config, b => configureBuilder?.Invoke(sp, b));
        });
        return builder;
    }
}
