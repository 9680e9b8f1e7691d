using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskRadar.TimeSeries;
using RiskRadar.TimeSeries.History;
using RiskRadar.TimeSeries.Scenarios;

namespace Microsoft.Extensions.Hosting;

public static class TimeSeriesServiceExtensions
{
    /// <summary>
    /// Registers the time-series store: the NpgsqlDataSource of connection string <paramref name="connectionName"/>
    /// (with Aspire's health check, tracing and metrics), <see cref="TimeSeriesOptions"/> from the <c>TimeSeries</c>
    /// section, <see cref="RiskHistoryWriter"/>, <see cref="RiskHistoryQuery"/>, and the service that creates and
    /// maintains the schema.
    /// </summary>
    public static IHostApplicationBuilder AddTimeSeriesStore(this IHostApplicationBuilder builder, string connectionName = "timeseries")
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddNpgsqlDataSource(connectionName);

        builder.Services.AddOptions<TimeSeriesOptions>()
            .Bind(builder.Configuration.GetSection(TimeSeriesOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RiskHistoryWriter>();
        builder.Services.AddSingleton<RiskHistoryQuery>();
        builder.Services.AddSingleton<TimeSeriesMaintenanceService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TimeSeriesMaintenanceService>());
        return builder;
    }

    /// <summary>
    /// Registers the daily history (<see cref="DailyBarStore"/>) and the in-memory scenario sets that follow it
    /// (<see cref="ScenarioSets"/>, options from <c>ScenarioSets</c>), on the NpgsqlDataSource already registered.
    /// </summary>
    public static IHostApplicationBuilder AddScenarioSets(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ScenarioSetOptions>()
            .Bind(builder.Configuration.GetSection(ScenarioSetOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<DailyBarStore>();
        builder.Services.TryAddSingleton<ScenarioSetStore>();
        builder.Services.TryAddSingleton<ScenarioSets>();
        builder.Services.TryAddSingleton<RiskRadar.Analytics.Scenarios.ICurrentScenarioSet>(sp => sp.GetRequiredService<ScenarioSets>());
        builder.Services.AddHostedService<ScenarioSetRefreshService>();
        return builder;
    }
}
