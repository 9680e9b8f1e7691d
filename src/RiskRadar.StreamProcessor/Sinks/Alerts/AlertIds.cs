using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RiskRadar.StreamProcessor.Sinks.Alerts;

/// <summary>
/// Deterministic alert ids: the same transition computed again (a redelivered batch, a second instance) gets the same
/// id, so the database and every consumer of <c>risk.alerts</c> or a webhook can deduplicate on it.
/// </summary>
public static class AlertIds
{
    public static string For(string ruleId, string portfolioId, string window, DateTimeOffset windowEnd, string state)
    {
        // Length-prefixed fields, so that ("a|b", "c") and ("a", "b|c") cannot produce the same input; the window end
        // in microseconds, the precision PostgreSQL keeps, so an id recomputed from stored values matches.
        var builder = new StringBuilder();
        foreach (var field in (ReadOnlySpan<string>)[ruleId, portfolioId, window, (windowEnd.UtcTicks / 10).ToString(CultureInfo.InvariantCulture), state])
        {
            builder.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
