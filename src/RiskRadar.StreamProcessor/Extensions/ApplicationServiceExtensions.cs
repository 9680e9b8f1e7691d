using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskRadar.Contracts.Caching;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Pipeline.Instruments;
using RiskRadar.StreamProcessor.Pipeline.Live;
using RiskRadar.StreamProcessor.Sinks;
using RiskRadar.StreamProcessor.Sinks.Aggregates;
using RiskRadar.StreamProcessor.Sinks.Alerts;
using RiskRadar.StreamProcessor.Sinks.History;
using RiskRadar.TimeSeries.History;

namespace RiskRadar.StreamProcessor.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddKafkaClients();
        builder.AddRedisClient("cache");
        builder.AddTimeSeriesStore();
        // Before the stream: the first windows already find the daily scenario set when history exists.
        builder.AddScenarioSets();

        builder.Services.AddOptions<StreamProcessorOptions>()
            .Bind(builder.Configuration.GetSection(StreamProcessorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<PipelineOptions>()
            .Bind(builder.Configuration.GetSection(PipelineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<LatestPriceCache>();
        builder.Services.AddSingleton<LatestRiskCache>();
        builder.Services.AddSingleton<DeadLetterPublisher>();
        builder.Services.AddOptions<LiveValueOptions>()
            .Bind(builder.Configuration.GetSection(LiveValueOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LiveWatchRegistry>();
        builder.Services.AddSingleton<RedisLatestPriceSink>();
        builder.Services.AddSingleton<ILatestPriceSink>(sp => sp.GetRequiredService<RedisLatestPriceSink>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisLatestPriceSink>());
        builder.Services.AddSingleton<ProvisionalRiskCache>();
        builder.Services.AddSingleton<RedisProvisionalRiskSink>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisProvisionalRiskSink>());

        builder.Services.AddSingleton<IRiskResultSink, TimeSeriesHistorySink>();
        builder.Services.AddSingleton<IRiskResultSink, RedisRiskSink>();
        // Before the sink service: hosted services start in order, and the alert tables must exist first.
        builder.AddAlerts();
        builder.Services.AddSingleton<IProvisionalRiskSink>(sp => new ProvisionalRiskFanOut(
            [sp.GetRequiredService<RedisProvisionalRiskSink>(), sp.GetRequiredService<ProvisionalAlertMonitor>()]));
        // Watched books' figures go to Redis through a queue of their own, so they never wait behind a refresh's
        // burst of every other book's figures.
        builder.Services.AddKeyedSingleton<RedisProvisionalRiskSink>(nameof(LiveValueEngine));
        // Not AddHostedService: it adds a hosted service once per implementation type, and this is the second sink of its type.
        builder.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<RedisProvisionalRiskSink>(nameof(LiveValueEngine)));
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<LiveValueEngine>(sp, (IProvisionalRiskSink)new ProvisionalRiskFanOut(
            [sp.GetRequiredKeyedService<RedisProvisionalRiskSink>(nameof(LiveValueEngine)), sp.GetRequiredService<ProvisionalAlertMonitor>()])));
        builder.Services.AddSingleton<ILiveBooks>(sp => sp.GetRequiredService<LiveValueEngine>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveValueEngine>());
        builder.Services.AddHostedService<RiskResultSinkService>();

        builder.Services.AddOptions<TradingCalendarOptions>()
            .Bind(builder.Configuration.GetSection(TradingCalendarOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Calendars.Values.All(c => c.Validate() is null), "History:Calendars: every calendar needs an IANA time zone and a close like 16:00.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DailyCloseService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DailyCloseService>());

        builder.Services.AddSingleton<RiskStreamService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RiskStreamService>());
        builder.Services.AddHealthChecks().AddCheck<StreamHealthCheck>("topology");
        return builder;
    }
}
