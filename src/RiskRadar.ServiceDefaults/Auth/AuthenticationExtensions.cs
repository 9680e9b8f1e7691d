using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace RiskRadar.ServiceDefaults.Auth;

/// <summary>Bearer token validation and the role policies, the same in every service that takes requests.</summary>
public static class AuthenticationExtensions
{
    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TokenValidationOptions>()
            .Bind(builder.Configuration.GetSection(TokenValidationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<TokenValidationOptions>>((jwt, options) => Configure(jwt, options.Value));

        var tenantClaim = builder.Configuration[$"{TokenValidationOptions.SectionName}:{nameof(TokenValidationOptions.TenantClaim)}"] ?? RiskRadarClaims.Tenant;
        builder.Services.AddAuthorization(options => options.AddRiskRadarPolicies(tenantClaim));
        return builder;
    }

    public static SymmetricSecurityKey LocalSigningKey(TokenValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey));
    }

    private static void Configure(JwtBearerOptions jwt, TokenValidationOptions settings)
    {
        jwt.MapInboundClaims = false;
        if (!string.IsNullOrWhiteSpace(settings.Authority))
        {
            // The handler adds the authority's issuer and JWKS keys to the parameters below, so the gateway's own
            // tokens stay valid next to the provider's.
            jwt.Authority = settings.Authority;
            jwt.MetadataAddress = settings.MetadataAddress ?? "";
            jwt.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        }

        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuers = settings.HasLocalKey ? [settings.Issuer] : [],
            ValidateIssuer = true,
            ValidAudience = settings.Audience,
            IssuerSigningKeys = settings.HasLocalKey ? [LocalSigningKey(settings)] : [],
            // Asymmetric algorithms only come from the authority's JWKS; listing them explicitly rejects alg=none and
            // algorithm-confusion tokens (an RS256 public key used as an HMAC secret).
            ValidAlgorithms = string.IsNullOrWhiteSpace(settings.Authority)
                ? [SecurityAlgorithms.HmacSha256]
                : [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = settings.ClockSkew,
            NameClaimType = RiskRadarClaims.Subject,
            RoleClaimType = settings.RoleClaim,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                // Browsers cannot set headers on a WebSocket, so a WebSocket upgrade may carry the token in the query.
                // Nothing else may: tokens in URLs end up in logs and histories.
                if (IsWebSocketUpgrade(context.Request) && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                // An RFC 9457 body instead of an empty 401, keeping the WWW-Authenticate header.
                context.HandleResponse();
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = context.Error is null ? "Bearer" : $"Bearer error=\"{context.Error}\"";
                await WriteProblemAsync(
                    context.HttpContext,
                    StatusCodes.Status401Unauthorized,
                    "Unauthorized",
                    context.AuthenticateFailure is null ? "A bearer token is required." : "The bearer token is not valid.");
            },
            OnForbidden = context => WriteProblemAsync(
                context.HttpContext,
                StatusCodes.Status403Forbidden,
                "Forbidden",
                "The token's roles do not allow this request."),
        };
    }

    // Read from the headers rather than the WebSocket feature: the gateway proxies upgrades without that middleware.
    private static bool IsWebSocketUpgrade(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && string.Equals(request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase);

    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
