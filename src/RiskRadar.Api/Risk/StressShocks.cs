using RiskRadar.Analytics.Stress;

namespace RiskRadar.Api.Risk;

/// <summary>Shocks as clients write them, and their translation to one price move per position.</summary>
public static class StressShocks
{
    /// <summary>Parses one shock: <c>target</c> instrument, asset_class or currency.</summary>
    public static bool TryParse(ShockItem item, out Shock? priceShock, out CurrencyShock? currencyShock, out string? error)
    {
        ArgumentNullException.ThrowIfNull(item);
        priceShock = null;
        currencyShock = null;
        error = null;
        var target = item.Target?.ToLowerInvariant();
        ShockKind? kind = (item.Kind ?? "relative").ToLowerInvariant() switch
        {
            "relative" => ShockKind.Relative,
            "absolute" => ShockKind.Absolute,
            _ => null,
        };
        if (target is not ("instrument" or "asset_class" or "assetclass" or "currency"))
        {
            error = "target must be instrument, asset_class or currency.";
        }
        else if (kind is null)
        {
            error = "kind must be relative or absolute.";
        }
        else if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > 64)
        {
            error = "name must name the instrument, asset class or currency (at most 64 characters).";
        }
        else if (item.Size is not { } size || !double.IsFinite(size) || (kind == ShockKind.Relative && size <= -1))
        {
            error = "size must be a finite number; a relative shock must be above -1 (a price cannot fall below zero).";
        }
        else if (target == "currency")
        {
            if (kind != ShockKind.Relative || item.Name.Length != 3 || !item.Name.All(char.IsAsciiLetterUpper))
            {
                error = "A currency shock is relative and names an ISO currency like USD: size 0.1 means it gains 10 % against every other.";
            }
            else
            {
                currencyShock = new CurrencyShock(item.Name, size);
            }
        }
        else
        {
            priceShock = new Shock(target == "instrument" ? ShockTarget.Instrument : ShockTarget.AssetClass, item.Name, kind.Value, size);
        }

        return error is null;
    }

    /// <summary>
    /// One absolute base-currency price move per position: the instrument's shock, else its asset class's, applied to
    /// the base-currency price, then every currency move: a position quoted in the shocked currency gains it in a book
    /// of another base, and a book based in the shocked currency sees every other currency fall by 1/(1 + s) − 1.
    /// </summary>
    public static StressScenario Expand(ShockDefinition definition, IReadOnlyList<ValuedPosition> positions, string baseCurrency)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(positions);
        var byKey = definition.PriceShocks.ToDictionary(s => (s.Target, s.Name));
        var shocks = new List<Shock>(positions.Count);
        foreach (var position in positions)
        {
            var price = position.LocalPrice * position.FxRate;
            var shocked = price;
            if (byKey.TryGetValue((ShockTarget.Instrument, position.InstrumentId), out var shock)
                || byKey.TryGetValue((ShockTarget.AssetClass, position.AssetClass), out shock))
            {
                shocked += shock.Kind == ShockKind.Relative ? price * shock.Size : shock.Size;
            }

            foreach (var currency in definition.CurrencyShocks)
            {
                if (position.Currency == currency.Currency && baseCurrency != currency.Currency)
                {
                    shocked *= 1 + currency.Size;
                }
                else if (position.Currency != currency.Currency && baseCurrency == currency.Currency)
                {
                    shocked /= 1 + currency.Size;
                }
            }

            shocks.Add(new Shock(ShockTarget.Instrument, position.InstrumentId, ShockKind.Absolute, shocked - price));
        }

        return new StressScenario(definition.Name, shocks);
    }
}
