using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>
/// How webhook deliveries are signed: <c>X-RiskRadar-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>
/// with the Unix-seconds timestamp in <c>X-RiskRadar-Timestamp</c>. Signing the timestamp with the body lets a
/// receiver reject a captured delivery replayed later (it should refuse timestamps more than a few minutes old).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-RiskRadar-Signature";
    public const string TimestampHeader = "X-RiskRadar-Timestamp";
    public const string AlertIdHeader = "X-RiskRadar-Alert-Id";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }
}
