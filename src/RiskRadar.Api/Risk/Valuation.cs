namespace RiskRadar.Api.Risk;

/// <summary>
/// Prices (instrument id → price in its currency) and FX rates (currency → base-currency units per unit) a request
/// gives to value its book at, instead of the latest ones: how an explained window is recomputed.
/// </summary>
public sealed record Valuation(IReadOnlyDictionary<string, double>? Prices, IReadOnlyDictionary<string, double>? FxRates)
{
    /// <summary>Field errors of the values themselves and of asking for them where they do not apply.</summary>
    public static void Check(IReadOnlyDictionary<string, double>? prices, IReadOnlyDictionary<string, double>? fxRates, string? kind, IDictionary<string, string[]> errors)
    {
        if ((prices is { Count: > 0 } || fxRates is { Count: > 0 }) && kind == ScenarioKinds.Intraday)
        {
            errors["prices"] = ["prices and fxRates value a daily calculation; intraday scenarios value the book at its bars' closes."];
            return;
        }

        foreach (var (id, price) in prices ?? new Dictionary<string, double>())
        {
            if (!(price > 0) || !double.IsFinite(price))
            {
                errors[$"prices.{id}"] = [$"The price of '{id}' must be a positive number, in the instrument's own currency."];
            }
        }

        foreach (var (currency, rate) in fxRates ?? new Dictionary<string, double>())
        {
            if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            {
                errors[$"fxRates.{currency}"] = [$"'{currency}' is not a currency code: use three capital letters such as EUR."];
            }
            else if (!(rate > 0) || !double.IsFinite(rate))
            {
                errors[$"fxRates.{currency}"] = [$"The rate of {currency} must be a positive number of base-currency units per {currency}."];
            }
        }
    }

    /// <summary>A price for an instrument the book does not hold is a mistake the caller should hear about.</summary>
    public static void CheckHeld(IReadOnlyDictionary<string, double>? prices, ResolvedBook book, IDictionary<string, string[]> errors)
    {
        var held = book.Positions.Select(p => p.InstrumentId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in prices?.Keys ?? [])
        {
            if (!held.Contains(id))
            {
                errors[$"prices.{id}"] = [$"'{id}' is not one of the book's positions."];
            }
        }
    }
}
