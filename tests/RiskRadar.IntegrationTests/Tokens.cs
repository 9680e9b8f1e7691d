using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RiskRadar.IntegrationTests;

/// <summary>Hand-built JWTs, so tests can present tokens the gateway must refuse (wrong key, expired, alg none…).</summary>
internal static class Tokens
{
    public static string Create(
        string? signingKey,
        string algorithm = "HS256",
        string issuer = "riskradar-gateway",
        string audience = "riskradar-api",
        DateTimeOffset? expires = null,
        string role = "admin")
    {
        var now = DateTimeOffset.UtcNow;
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = algorithm, ["typ"] = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = "dev",
            ["tenant"] = "demo",
            ["role"] = role,
            ["iss"] = issuer,
            ["aud"] = audience,
            ["iat"] = now.AddMinutes(-10).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-10).ToUnixTimeSeconds(),
            ["exp"] = (expires ?? now.AddMinutes(5)).ToUnixTimeSeconds(),
        }));
        var signingInput = $"{header}.{payload}";
        var signature = signingKey is null
            ? ""
            : Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(signingInput)));
        return $"{signingInput}.{signature}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
