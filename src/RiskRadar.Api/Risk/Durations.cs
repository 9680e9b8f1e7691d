using System.Globalization;

namespace RiskRadar.Api.Risk;

/// <summary>Durations as clients write them: a whole number and a unit, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (e.g. <c>10d</c>).</summary>
public static class Durations
{
    public static bool TryParse(string? text, TimeSpan day, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text) || text.Length > 12 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return false;
        }

        duration = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => day * count,
            _ => TimeSpan.Zero,
        };
        return duration > TimeSpan.Zero;
    }
}
