using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Data.Instruments;
using RiskRadar.Ingestion.Feeds;
using RiskRadar.Ingestion.History;
using RiskRadar.Ingestion.Instruments;
using RiskRadar.Ingestion.Pipeline;
using RiskRadar.Ingestion.Publishing;
using RiskRadar.Ingestion.Push;
using RiskRadar.Ingestion.Replay;
using RiskRadar.Ingestion.Simulation;
using RiskRadar.Ingestion.Validation;
using RiskRadar.ServiceDefaults.Dependencies;
using RiskRadar.ServiceDefaults.Kafka;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.Ingestion.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>The connection string every service gets for the time-series PostgreSQL.</summary>
    public const string DatabaseConnectionName = "timeseries";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddRequestDatabase(DatabaseConnectionName);

        builder.AddKafkaProducer<string, PriceTick>(
            "ingestion",
            config => config.LingerMs ??= 5,
            (_, producer) => producer.SetValueSerializer(EventSerializers.PriceTickRecord));
        // Through the factory: AddKafkaProducer registers the kafka health check again on every call, and a second
        // registration of the same name fails the host at start.
        builder.Services.AddSingleton(sp => CreateProducer<string, InstrumentReference>(sp, "ingestion-reference", p => p.SetValueSerializer(EventSerializers.InstrumentReference)));
        builder.Services.AddSingleton(sp => CreateProducer<string?, string>(sp, "ingestion-dlq"));
        builder.AddValidatedOptions<TickTracingOptions>(TickTracingOptions.SectionName);
        builder.Services.AddSingleton<PriceTickPublisher>();
        builder.Services.AddSingleton<InstrumentReferencePublisher>();
        builder.Services.AddSingleton<DeadLetterPublisher>();
        builder.Services.AddSingleton<IDeadLetterSink>(sp => sp.GetRequiredService<DeadLetterPublisher>());

        builder.AddValidatedOptions<InstrumentMasterOptions>(InstrumentMasterOptions.SectionName);
        builder.Services.AddSingleton<InstrumentMasterStore>();
        builder.Services.AddSingleton<InstrumentMaster>();
        builder.Services.AddHostedService<InstrumentMasterLoader>();

        builder.AddValidatedOptions<ChannelOptions>(ChannelOptions.SectionName);
        builder.AddValidatedOptions<ValidationOptions>(ValidationOptions.SectionName);
        builder.Services.AddSingleton<TickChannel>();

        builder.AddValidatedOptions<DefaultHistoryOptions>(DefaultHistoryOptions.SectionName);
        builder.Services.AddSingleton<DailyBarStore>();
        builder.Services.AddSingleton<MarketStart>();
        builder.Services.AddHostedService<DefaultHistoryLoader>();
        builder.Services.AddHealthChecks().AddCheck<DefaultHistoryHealthCheck>("default-history");

        builder.AddValidatedOptions<SimulatorOptions>(SimulatorOptions.SectionName);
        builder.AddValidatedOptions<ReplayOptions>(ReplayOptions.SectionName);
        builder.Services.AddSingleton<IPriceFeed, SimulatorFeed>();
        builder.Services.AddSingleton<IPriceFeed, CsvReplayFeed>();

        builder.AddValidatedOptions<PushOptions>(PushOptions.SectionName);
        builder.Services.AddSingleton<FeedKeyVerifier>();

        builder.Services.AddHostedService<IngestionPipeline>();
        return builder;
    }

    private static IProducer<TKey, TValue> CreateProducer<TKey, TValue>(IServiceProvider services, string clientId, Action<ProducerBuilder<TKey, TValue>>? configure = null)
    {
        var factory = services.GetRequiredService<KafkaClientFactory>();
        var config = factory.CreateProducerConfig(clientId);
        config.EnableIdempotence ??= true;
        return factory.CreateProducer(config, configure);
    }

    private static void AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder, string section) where TOptions : class =>
        builder.Services.AddOptions<TOptions>()
            .Bind(builder.Configuration.GetSection(section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
