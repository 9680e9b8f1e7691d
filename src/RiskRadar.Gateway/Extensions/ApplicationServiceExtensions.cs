using Confluent.Kafka;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using RiskRadar.Gateway.ApiKeys;
using RiskRadar.Gateway.Audit;
using RiskRadar.Gateway.Auth;
using RiskRadar.Gateway.RateLimiting;
using RiskRadar.Gateway.Security;
using RiskRadar.ServiceDefaults.Dependencies;
using RiskRadar.ServiceDefaults.Kafka;
using Yarp.ReverseProxy.Transforms;

namespace RiskRadar.Gateway.Extensions;

public static class ApplicationServiceExtensions
{
    public const string CorsPolicy = "configured-origins";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRequestDatabase("timeseries");
        builder.AddKafkaClients();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default));

        builder.AddUsersAndTokens();
        builder.AddGatewayAuthentication();
        builder.AddAuditLog();
        builder.AddRateLimits();
        builder.AddEdgeSecurity();

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            // Every route: API-key callers reach the Api with a gateway-signed token instead of their key.
            .AddTransforms(transforms => transforms.AddRequestTransform(context =>
                context.HttpContext.RequestServices.GetRequiredService<DownstreamTokenTransform>().ApplyAsync(context)))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    private static IHostApplicationBuilder AddUsersAndTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<UserDirectory>();
        builder.Services.AddSingleton<RefreshTokens>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddHostedService<GatewayStoreInitializer>();
        return builder;
    }

    private static IHostApplicationBuilder AddAuditLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<AuditHealth>();
        builder.Services.AddKeyedSingleton(AuditPublisher.ProducerKey, (sp, _) =>
        {
            var factory = sp.GetRequiredService<KafkaClientFactory>();
            var config = factory.CreateProducerConfig("gateway-audit");
            config.EnableIdempotence = true;
            config.Acks = Acks.All;
            return factory.CreateProducer<string, byte[]>(config);
        });
        builder.Services.AddHostedService<AuditPublisher>();
        return builder;
    }

    private static IHostApplicationBuilder AddEdgeSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Kestrel's own limit as well as the per-request one (RequestSizeLimitMiddleware): chunked bodies have no Content-Length to check up front.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
            kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes);

        var origins = builder.Configuration.GetSection($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.AllowedOrigins)}").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match", "X-Api-Key", "traceparent")
            .WithExposedHeaders("ETag", "Retry-After", "X-Correlation-Id", "Location")));
        return builder;
    }
}
