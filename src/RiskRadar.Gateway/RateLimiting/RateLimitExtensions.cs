using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Gateway.RateLimiting;

public static class RateLimitExtensions
{
    /// <summary>The policy every proxied route uses: one token bucket per API key, per user, or per anonymous address.</summary>
    public const string PerCallerPolicy = "per-caller";

    public const string TokenEndpointPolicy = "token-endpoint";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PerCallerPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
                var tenantClaim = context.RequestServices.GetRequiredService<IOptions<TokenValidationOptions>>().Value.TenantClaim;
                var user = context.User;
                var authenticated = user.Identity?.IsAuthenticated == true;
                var (key, settings) = authenticated && user.FindFirst(RiskRadarClaims.ApiKeyId)?.Value is { } apiKey ? ($"key:{apiKey}", limits.PerApiKey)
                    : authenticated ? ($"user:{user.FindFirst(tenantClaim)?.Value}/{user.GetSubject()}", limits.PerUser)
                    : ($"ip:{context.Connection.RemoteIpAddress}", limits.Anonymous);
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.TokenLimit,
                    TokensPerPeriod = settings.TokensPerPeriod,
                    ReplenishmentPeriod = settings.ReplenishmentPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.AddPolicy(TokenEndpointPolicy, context =>
            {
                var window = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue.TokenEndpoint;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = window.PermitLimit, Window = window.Window, QueueLimit = 0 });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                // Token buckets know when the next token comes; say so, so well-behaved clients back off exactly that long.
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"Rate limit reached; retry after {Math.Ceiling(retryAfter.TotalSeconds)} s.",
                    },
                });
            };
        });
        return builder;
    }
}
