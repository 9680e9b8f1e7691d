using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Gateway.ApiKeys;

/// <summary>
/// Authenticates machine clients by <c>X-Api-Key</c>. The principal looks like a token's (subject <c>apikey:&lt;id&gt;</c>,
/// tenant, roles, <c>api_key_id</c>), so the role policies, rate limits and audit treat both alike.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IOptions<TokenValidationOptions> validation)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (values is not [{ Length: > 0 and <= 256 } presented])
        {
            return AuthenticateResult.Fail("Exactly one API key is expected.");
        }

        var key = await keys.FindActiveAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        }

        var settings = validation.Value;
        var claims = new List<Claim>
        {
            new(RiskRadarClaims.Subject, Subject(key.Id)),
            new(settings.TenantClaim, key.TenantId),
            new(RiskRadarClaims.ApiKeyId, key.Id.ToString()),
        };
        claims.AddRange(key.Roles.Select(role => new Claim(settings.RoleClaim, role)));
        var identity = new ClaimsIdentity(claims, SchemeName, RiskRadarClaims.Subject, settings.RoleClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", "The API key is unknown, revoked or expired.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "The API key's roles do not allow this request.");

    public static string Subject(Guid id) => $"apikey:{id}";

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
