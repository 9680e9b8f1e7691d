using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RiskRadar.Api.Tests.Security;

/// <summary>JWTs built by hand, so tests can present the tokens the gateway must refuse (wrong key, alg none, tampered…).</summary>
internal static class HandMadeTokens
{
    public static string Create(
        string? signingKey,
        string algorithm = "HS256",
        string issuer = "riskradar-gateway",
        string audience = "riskradar-api",
        DateTimeOffset? expires = null,
        string role = "viewer",
        string tenant = ApiStack.Tenant)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = algorithm, ["typ"] = "JWT" }));
        var payload = Encode(Payload(issuer, audience, expires ?? now.AddMinutes(5), role, tenant));
        var signingInput = $"{header}.{payload}";
        var signature = signingKey is null ? "" : Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(signingInput)));
        return $"{signingInput}.{signature}";
    }

    /// <summary>A valid token whose payload is then re-encoded with another role, keeping the original signature.</summary>
    public static string WithTamperedRole(string signingKey, string newRole)
    {
        var parts = Create(signingKey).Split('.');
        var now = DateTimeOffset.UtcNow;
        return $"{parts[0]}.{Encode(Payload("riskradar-gateway", "riskradar-api", now.AddMinutes(5), newRole, ApiStack.Tenant))}.{parts[2]}";
    }

    private static byte[] Payload(string issuer, string audience, DateTimeOffset expires, string role, string tenant)
    {
        var now = DateTimeOffset.UtcNow;
        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = "mallory",
            ["tenant"] = tenant,
            ["role"] = role,
            ["iss"] = issuer,
            ["aud"] = audience,
            ["iat"] = now.AddMinutes(-10).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-10).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        });
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
