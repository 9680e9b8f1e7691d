using System.Globalization;

namespace RiskRadar.Web.Formatting;

/// <summary>
/// How the dashboard writes numbers: thousands separators, a true minus sign, the unit after the figure, a dash for
/// "no figure". Amounts in a column share their decimals so they line up right-aligned.
/// </summary>
public static class Numbers
{
    public const string Missing = "—";

    private const char Minus = '\u2212';
    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    /// <summary>A money amount, whole units: <c>1,234,568 USD</c>.</summary>
    public static string Money(double? value, string? currency) =>
        value is not { } v || !double.IsFinite(v) ? Missing : Signed(v.ToString("#,##0", s_culture)) + Unit(currency);

    /// <summary>A change, always signed: <c>+1,234 USD</c>, <c>−56 USD</c>, <c>0 USD</c>.</summary>
    public static string Change(double? value, string? currency)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return Missing;
        }

        var text = Math.Abs(v).ToString("#,##0", s_culture);
        var sign = text == "0" ? "" : v > 0 ? "+" : Minus.ToString();
        return sign + text + Unit(currency);
    }

    /// <summary>A fraction as a percentage with one decimal: <c>0.1234</c> is <c>12.3 %</c>.</summary>
    public static string Percent(double? fraction) =>
        fraction is not { } f || !double.IsFinite(f) ? Missing : Signed((f * 100).ToString("#,##0.0", s_culture)) + " %";

    /// <summary>A position quantity: whole units with up to four decimals, no trailing zeros.</summary>
    public static string Quantity(double? value) =>
        value is not { } v || !double.IsFinite(v) ? Missing : Signed(v.ToString("#,##0.####", s_culture));

    /// <summary>A price: at least two decimals, up to six (FX rates need them).</summary>
    public static string Price(double? value, string? currency) =>
        value is not { } v || !double.IsFinite(v) ? Missing : Signed(v.ToString("#,##0.00####", s_culture)) + Unit(currency);

    /// <summary>How long ago, coarsely: <c>4 s ago</c>, <c>3 min ago</c>, <c>2 h ago</c>.</summary>
    public static string Ago(TimeSpan age) =>
        age < TimeSpan.Zero ? "just now"
        : age < TimeSpan.FromMinutes(1) ? $"{(int)age.TotalSeconds} s ago"
        : age < TimeSpan.FromHours(1) ? $"{(int)age.TotalMinutes} min ago"
        : age < TimeSpan.FromDays(2) ? $"{(int)age.TotalHours} h ago"
        : $"{(int)age.TotalDays} d ago";

    /// <summary>Parses what a person types as a quantity: <c>1,000</c>, <c>-250.5</c>, <c>1e6</c>; null when it is not a number.</summary>
    public static double? ParseQuantity(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = text.Trim().Replace(",", "", StringComparison.Ordinal).Replace('\u2212', '-').Replace(" ", "", StringComparison.Ordinal);
        return double.TryParse(cleaned, NumberStyles.Float, s_culture, out var value) && double.IsFinite(value) ? value : null;
    }

    private static string Signed(string text) => text.StartsWith('-') ? Minus + text[1..] : text;

    private static string Unit(string? currency) => string.IsNullOrEmpty(currency) ? "" : " " + currency;
}
