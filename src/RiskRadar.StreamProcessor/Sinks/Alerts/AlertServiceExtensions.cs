using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RiskRadar.StreamProcessor.Sinks.Aggregates;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

public static class AlertServiceExtensions
{
    /// <summary>
    /// Registers alerting: <see cref="AlertOptions"/> from the <c>Alerts</c> section, the table initializer, the
    /// <see cref="AlertSink"/>, the <see cref="ProvisionalAlertMonitor"/> (a provisional figure sink), the Kafka publisher, and webhook delivery with its HTTP client. Needs the
    /// <c>NpgsqlDataSource</c> of the time-series store and the Kafka clients; call it before the result sink
    /// service is registered, so the tables exist before the first batch.
    /// </summary>
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AlertOptions>()
            .Bind(builder.Configuration.GetSection(AlertOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<AlertStoreInitializer>();
        builder.Services.AddSingleton<AlertRuleCache>();
        builder.Services.AddSingleton<IAlertPublisher, KafkaAlertPublisher>();
        builder.Services.AddSingleton<IRiskResultSink, AlertSink>();
        builder.Services.AddSingleton<ProvisionalAlertMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProvisionalAlertMonitor>());
        builder.Services.AddAlertWebhookClient();
        builder.Services.AddHostedService<WebhookDeliveryService>();
        return builder;
    }

    /// <summary>The named client <see cref="WebhookDeliveryService.HttpClientName"/>.</summary>
    public static IHttpClientBuilder AddAlertWebhookClient(this IServiceCollection services)
    {
        var client = services.AddHttpClient(WebhookDeliveryService.HttpClientName)
            .ConfigureHttpClient((provider, http) => http.Timeout = provider.GetRequiredService<IOptions<AlertOptions>>().Value.WebhookTimeout)

            // A receiver's redirect would turn the POST into a GET elsewhere, and could point a tenant's webhook at an
            // internal address: redirects are not followed, and count as a failed delivery.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        // The outbox is the retry policy (durable, with back-off across restarts). The standard resilience handler that
        // the service defaults add to every client would multiply attempts, outlast the claim's lease, and its circuit
        // breaker, shared by all targets, would let one tenant's broken endpoint stop every tenant's webhooks.
        // RemoveAllResilienceHandlers is the documented way to opt a client out, still marked experimental.
#pragma warning disable EXTEXP0001
        return client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
