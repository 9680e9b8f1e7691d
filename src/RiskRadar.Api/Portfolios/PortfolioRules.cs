using System.Text.RegularExpressions;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Instruments;

namespace RiskRadar.Api.Portfolios;

/// <summary>What a valid portfolio and position look like; each error names the field it is about.</summary>
public static partial class PortfolioRules
{
    public const int MaxNameLength = 100;
    public const int MaxInstrumentIdLength = InstrumentRules.MaxIdLength;

    public static void CheckPortfolio(string? name, string? baseCurrency, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["The name is required."];
        }
        else if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors["name"] = [$"The name must be at most {MaxNameLength} printable characters."];
        }

        if (baseCurrency is null || !CurrencyCode().IsMatch(baseCurrency))
        {
            errors["baseCurrency"] = ["The base currency must be an ISO 4217 code of three capital letters, e.g. USD."];
        }
    }

    public static bool IsInstrumentId(string? instrumentId) => InstrumentRules.IsInstrumentId(instrumentId);

    /// <summary>Why a curve pillar or volatility node cannot be a position.</summary>
    public static string MarketFactor(InstrumentReference instrument) =>
        $"'{instrument.InstrumentId}' is a market factor (kind {instrument.Kind}): its level is market data that contracts are valued on, not something a portfolio holds.";

    /// <summary>Checks one position, naming fields under <paramref name="prefix"/> (e.g. <c>positions[3].</c>).</summary>
    public static void CheckPosition(string? instrumentId, double? quantity, double maxAbsoluteQuantity, string prefix, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!IsInstrumentId(instrumentId))
        {
            errors[prefix + "instrumentId"] = [$"An instrument id is 1 to {MaxInstrumentIdLength} characters of letters, digits and . _ - :"];
        }

        if (quantity is not { } q)
        {
            errors[prefix + "quantity"] = ["The quantity is required."];
        }
        else if (!double.IsFinite(q) || Math.Abs(q) > maxAbsoluteQuantity)
        {
            errors[prefix + "quantity"] = [$"The quantity must be a finite number of at most {maxAbsoluteQuantity:G} in absolute value (negative for short)."];
        }
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
