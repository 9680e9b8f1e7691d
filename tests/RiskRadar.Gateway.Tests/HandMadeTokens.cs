using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RiskRadar.Gateway.Tests;

/// <summary>JWTs built byte by byte, so tests can present what a careless validator would accept.</summary>
internal static class HandMadeTokens
{
    public static string Create(
        string? signingKey,
        string algorithm = "HS256",
        string issuer = GatewayStack.Issuer,
        string audience = GatewayStack.Audience,
        DateTimeOffset? expires = null,
        string role = "viewer",
        string tenant = GatewayStack.Tenant)
    {
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = algorithm, ["typ"] = "JWT" }));
        var payload = Encode(Payload(issuer, audience, expires ?? DateTimeOffset.UtcNow.AddMinutes(5), role, tenant));
        var signingInput = $"{header}.{payload}";
        var signature = signingKey is null ? "" : Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(signingInput)));
        return $"{signingInput}.{signature}";
    }

    /// <summary>A valid viewer token whose payload is re-encoded with another role, keeping the original signature.</summary>
    public static string WithTamperedRole(string signingKey, string newRole)
    {
        var parts = Create(signingKey).Split('.');
        return $"{parts[0]}.{Encode(Payload(GatewayStack.Issuer, GatewayStack.Audience, DateTimeOffset.UtcNow.AddMinutes(5), newRole, GatewayStack.Tenant))}.{parts[2]}";
    }

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static JsonElement DecodePayload(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.Clone();
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
}
