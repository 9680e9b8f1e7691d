using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Ingestion.Publishing;
using RiskRadar.Ingestion.Simulation;

namespace RiskRadar.Ingestion.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddKafkaProducer<string, PriceTick>(
            "ingestion",
            config => config.LingerMs ??= 5,
            (_, producer) => producer.SetValueSerializer(EventSerializers.PriceTick));
        builder.Services.AddSingleton<PriceTickPublisher>();

        builder.Services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<SimulatorFeed>();
        return builder;
    }
}
