using Confluent.Kafka;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using RiskRadar.Api.Alerts;
using RiskRadar.Api.Market;
using RiskRadar.Api.Portfolios;
using RiskRadar.Api.Risk;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Data.Instruments;
using RiskRadar.ServiceDefaults.Auth;
using RiskRadar.ServiceDefaults.Dependencies;
using RiskRadar.ServiceDefaults.Kafka;
using RiskRadar.TimeSeries;

namespace RiskRadar.Api.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRequestCache("cache");
        // The same few statements run on every request: prepared once per connection, PostgreSQL skips parse and plan.
        builder.AddRequestDatabase("timeseries", dataSource =>
        {
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = 32;
            dataSource.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        });
        builder.AddScenarioSets();
        builder.AddKafkaClients();
        builder.AddDefaultAuthentication();

        // Kestrel does not bind its limits from configuration itself. 4 MiB holds the largest bulk upload (10,000 rows).
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize =
            builder.Configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBodySize") ?? 4 * 1024 * 1024);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "RiskRadar API";
            document.Info.Description = "Portfolios, positions and their risk: latest, history, on demand, and live.";
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractsJsonContext.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddOptions<PortfolioOptions>()
            .Bind(builder.Configuration.GetSection(PortfolioOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<RiskCalculationOptions>()
            .Bind(builder.Configuration.GetSection(RiskCalculationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<StressLibraryOptions>()
            .Bind(builder.Configuration.GetSection(StressLibraryOptions.SectionName))
            .Validate(o => !o.Problems().Any(), "Stress:Library has a scenario that does not parse; each needs a name and valid shocks.")
            .ValidateOnStart();

        builder.Services.AddSingleton<LatestPriceCache>();
        builder.Services.AddSingleton<MarketFactors>();
        builder.Services.AddSingleton<LatestRiskCache>();
        builder.Services.AddSingleton<ProvisionalRiskCache>();
        builder.Services.AddSingleton<LiveWatchRegistry>();
        builder.Services.AddSingleton<InstrumentMasterStore>();
        builder.Services.AddSingleton<PositionOutbox>();
        builder.Services.AddSingleton<PortfolioStore>();
        builder.Services.AddSingleton<PositionWriter>();
        builder.Services.AddSingleton<RiskHistoryQuery>();
        builder.Services.AddSingleton<BarHistory>();
        builder.Services.AddSingleton<PositionSource>();
        builder.Services.AddSingleton<MultiAssetCalculator>();
        builder.Services.AddSingleton<OnDemandCalculator>();
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<PortfolioAnalysis>();

        builder.Services.AddKeyedSingleton(PositionOutboxPublisher.ProducerKey, (sp, _) =>
        {
            var factory = sp.GetRequiredService<KafkaClientFactory>();
            var config = factory.CreateProducerConfig("api-positions");
            config.EnableIdempotence = true;
            config.Acks = Acks.All;
            return factory.CreateProducer<string, byte[]>(config);
        });
        builder.Services.AddHostedService<PortfolioSchemaInitializer>();
        builder.Services.AddHostedService<PositionOutboxPublisher>();
        return builder;
    }
}
