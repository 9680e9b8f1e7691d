using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Gateway.ApiKeys;

/// <summary>
/// Authenticates <c>X-Api-Key</c> as the key's tenant and roles, with subject <c>apikey:&lt;id&gt;</c>, under the claim
/// names bearer tokens use here, so role policies, rate limits and the audit treat both alike.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, IOptions<TokenValidationOptions> validation)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[HeaderName] is not [{ Length: > 0 } presented])
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.VerifyAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var names = validation.Value;
        List<Claim> claims =
        [
            new(RiskRadarClaims.Subject, $"apikey:{key.Id}"),
            new(names.TenantClaim, key.TenantId),
            new(RiskRadarClaims.ApiKeyId, key.Id),
            .. key.Roles.Select(role => new Claim(names.RoleClaim, role)),
        ];
        var identity = new ClaimsIdentity(claims, SchemeName, RiskRadarClaims.Subject, names.RoleClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // RFC 9457 bodies, as the bearer handler gives (AddDefaultAuthentication).
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", "The API key is unknown or revoked.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "The API key's roles do not allow this request.");

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
