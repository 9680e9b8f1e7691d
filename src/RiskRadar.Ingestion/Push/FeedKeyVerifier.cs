using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RiskRadar.Ingestion.Push;

/// <summary>Maps a presented <c>X-Feed-Key</c> to the feed it belongs to by comparing SHA-256 hashes.</summary>
public sealed class FeedKeyVerifier(IOptions<PushOptions> options)
{
    public const string HeaderName = "X-Feed-Key";

    private readonly (string Name, byte[] Hash)[] _keys = [.. options.Value.FeedKeys.Select(k => (k.Key, Convert.FromHexString(k.Value)))];

    /// <returns>The feed's name, or null for a missing or unknown key.</returns>
    public string? Verify(string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        string? match = null;
        // Fixed-time compare against every key, no early exit: timing tells nothing about how close a guess was.
        foreach (var (name, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = name;
            }
        }

        return match;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
