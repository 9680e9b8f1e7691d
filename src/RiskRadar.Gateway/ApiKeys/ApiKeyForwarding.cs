using RiskRadar.ServiceDefaults.Auth;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace RiskRadar.Gateway.ApiKeys;

/// <summary>
/// What the Api receives for an API-key call: the gateway's own short-lived token in place of any Authorization the
/// client sent, and never the key itself. Bearer-token calls pass their Authorization header through unchanged.
/// </summary>
public static class ApiKeyForwarding
{
    public static void AddApiKeyForwarding(this TransformBuilderContext context) =>
        context.AddRequestTransform(transform =>
        {
            var headers = transform.ProxyRequest.Headers;
            headers.Remove(ApiKeyAuthenticationHandler.HeaderName);
            var user = transform.HttpContext.User;
            if (user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName && user.HasClaim(c => c.Type == RiskRadarClaims.ApiKeyId))
            {
                var token = transform.HttpContext.RequestServices.GetRequiredService<DownstreamTokens>().For(user);
                headers.Remove("Authorization");
                headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            }

            return ValueTask.CompletedTask;
        });
}
