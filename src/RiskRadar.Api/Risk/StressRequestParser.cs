using System.Globalization;
using System.Text.Json;
using RiskRadar.Analytics.Stress;

namespace RiskRadar.Api.Risk;

/// <summary>Checks the scenarios of a stress request, each a named library scenario, shocks, or a historical period.</summary>
public static class StressRequestParser
{
    public const int MaxScenarios = 50;
    public const int MaxShocks = 500;
    public const int MaxWorstDays = 250;

    public static List<StressDefinition> Parse(IReadOnlyList<StressScenarioItem?>? items, IReadOnlyList<NamedStressScenario> library, IDictionary<string, string[]> errors)
    {
        var definitions = new List<StressDefinition>();
        if (items is not { Count: > 0 and <= MaxScenarios })
        {
            errors["scenarios"] = [$"Give 1 to {MaxScenarios} scenarios."];
            return definitions;
        }

        for (var s = 0; s < items.Count; s++)
        {
            var field = $"scenarios[{s}]";
            var item = items[s] ?? new StressScenarioItem();
            var given = (item.Named is not null ? 1 : 0) + (item.Shocks is not null ? 1 : 0) + (item.Historical is not null ? 1 : 0);
            if (given != 1)
            {
                errors[field] = ["Give exactly one of named (a library scenario), shocks, or historical."];
                continue;
            }

            if (item.Named is { } named)
            {
                if (library.FirstOrDefault(l => string.Equals(l.Name, named, StringComparison.OrdinalIgnoreCase)) is not { } entry)
                {
                    errors[$"{field}.named"] = [$"No library scenario '{Truncate(named)}'; the library has: {string.Join(", ", library.Select(l => l.Name))}."];
                    continue;
                }

                if (Shocks(item.Name ?? entry.Name, entry.Shocks, $"{field}.named", errors) is { } fromLibrary)
                {
                    definitions.Add(fromLibrary);
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > 100)
            {
                errors[$"{field}.name"] = ["A scenario needs a name of at most 100 characters."];
                continue;
            }

            if (item.Shocks is { } shockItems)
            {
                if (shockItems.Count is 0 or > MaxShocks)
                {
                    errors[$"{field}.shocks"] = [$"Give 1 to {MaxShocks} shocks."];
                }
                else if (Shocks(item.Name, shockItems, field, errors) is { } custom)
                {
                    definitions.Add(custom);
                }

                continue;
            }

            if (Historical(item, field, errors) is { } historical)
            {
                definitions.Add(historical);
            }
        }

        return definitions;
    }

    private static ShockDefinition? Shocks(string name, IReadOnlyList<ShockItem?> items, string field, IDictionary<string, string[]> errors)
    {
        var parsed = new ParsedShocks();
        var failed = false;
        for (var k = 0; k < items.Count; k++)
        {
            if (!StressShocks.TryParse(items[k] ?? new ShockItem(), parsed, out var error))
            {
                errors[$"{field}.shocks[{k}]"] = [error!];
                failed = true;
            }
        }

        if (parsed.Prices.GroupBy(x => (x.Target, x.Name)).Any(g => g.Count() > 1) || parsed.Currencies.GroupBy(c => c.Currency).Any(g => g.Count() > 1)
            || parsed.Volatilities.GroupBy(v => v.Underlying).Any(g => g.Count() > 1) || parsed.Curves.GroupBy(c => (c.Curve, c.Kind, c.Tenor)).Any(g => g.Count() > 1))
        {
            errors[$"{field}.shocks"] = ["A scenario shocks each instrument, asset class, currency or surface at most once, and each curve once per kind (and tenor)."];
            return null;
        }

        return failed ? null : new ShockDefinition(name, parsed.Prices, parsed.Currencies, parsed.Volatilities, parsed.Curves);
    }

    /// <summary><c>"historical": {"from": "2025-03-03", "to": "2025-05-30"}</c>, or <c>"historical": "worst"</c> with <c>days</c>.</summary>
    private static StressDefinition? Historical(StressScenarioItem item, string field, IDictionary<string, string[]> errors)
    {
        var historical = item.Historical!.Value;
        if (historical.ValueKind == JsonValueKind.String && historical.GetString() == "worst")
        {
            var days = item.Days ?? 10;
            if (days is < 1 or > MaxWorstDays)
            {
                errors[$"{field}.days"] = [$"days must be between 1 and {MaxWorstDays}."];
                return null;
            }

            return new WorstDaysDefinition(item.Name!, days);
        }

        if (historical.ValueKind == JsonValueKind.Object
            && Date(historical, "from") is { } from && Date(historical, "to") is { } to)
        {
            if (from < to)
            {
                return new PeriodDefinition(item.Name!, from, to);
            }

            errors[$"{field}.historical.from"] = ["from must be before to."];
            return null;
        }

        errors[$"{field}.historical"] = ["historical is \"worst\" (with days) or {\"from\": \"2025-03-03\", \"to\": \"2025-05-30\"}."];
        return null;
    }

    private static DateOnly? Date(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
