using RiskRadar.Analytics.Stress;
using RiskRadar.Contracts.Instruments;

namespace RiskRadar.Api.Risk;

/// <summary>The shocks of one scenario, by what they move.</summary>
public sealed record ParsedShocks
{
    public List<Shock> Prices { get; } = [];

    public List<CurrencyShock> Currencies { get; } = [];

    public List<VolatilityShock> Volatilities { get; } = [];

    public List<CurveShock> Curves { get; } = [];
}

/// <summary>Shocks as clients write them, and their translation to one price move per position.</summary>
public static class StressShocks
{
    /// <summary>
    /// Parses one shock into <paramref name="into"/>: <c>target</c> instrument, asset_class or currency (prices),
    /// volatility (an underlying's surface, or all) or curve (a currency's zero curve, or all, in basis points).
    /// </summary>
    public static bool TryParse(ShockItem item, ParsedShocks into, out string? error)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(into);
        var target = item.Target?.ToLowerInvariant();
        error = target switch
        {
            "volatility" => Volatility(item, into),
            "curve" => Curve(item, into),
            "instrument" or "asset_class" or "assetclass" or "currency" => Price(item, target, into),
            _ => "target must be instrument, asset_class, currency, volatility or curve.",
        };
        return error is null;
    }

    private static string? Price(ShockItem item, string target, ParsedShocks into)
    {
        if (Kind(item) is not { } kind)
        {
            return "kind must be relative or absolute.";
        }

        if (NameProblem(item, "name must name the instrument, asset class or currency (at most 64 characters).") is { } problem)
        {
            return problem;
        }

        if (item.Size is not { } size || !double.IsFinite(size) || (kind == ShockKind.Relative && size <= -1))
        {
            return "size must be a finite number; a relative shock must be above -1 (a price cannot fall below zero).";
        }

        if (target == "currency")
        {
            if (kind != ShockKind.Relative || !InstrumentRules.IsCurrency(item.Name))
            {
                return "A currency shock is relative and names an ISO currency like USD: size 0.1 means it gains 10 % against every other.";
            }

            into.Currencies.Add(new CurrencyShock(item.Name!, size));
            return null;
        }

        into.Prices.Add(new Shock(target == "instrument" ? ShockTarget.Instrument : ShockTarget.AssetClass, item.Name!, kind, size));
        return null;
    }

    private static string? Volatility(ShockItem item, ParsedShocks into)
    {
        if (Kind(item) is not { } kind)
        {
            return "kind must be relative (0.5: every volatility 50 % higher) or absolute (0.05: five volatility points higher).";
        }

        if (NameProblem(item, "name is the underlying whose surface moves, or all.") is { } problem)
        {
            return problem;
        }

        if (item.Size is not { } size || !double.IsFinite(size) || (kind == ShockKind.Relative && size <= -1))
        {
            return "size must be a finite number; a relative volatility shock must be above -1.";
        }

        into.Volatilities.Add(new VolatilityShock(item.Name!, kind, size));
        return null;
    }

    private static string? Curve(ShockItem item, ParsedShocks into)
    {
        CurveShockKind? kind = (item.Kind ?? "parallel").ToLowerInvariant().Replace('-', '_') switch
        {
            "parallel" => CurveShockKind.Parallel,
            "steepener" => CurveShockKind.Steepener,
            "flattener" => CurveShockKind.Flattener,
            "key_rate" or "keyrate" => CurveShockKind.KeyRate,
            _ => null,
        };
        if (kind is null)
        {
            return "kind must be parallel, steepener, flattener or key_rate.";
        }

        if (item.Name != CurveShock.All && !InstrumentRules.IsCurrency(item.Name))
        {
            return "name is the curve's currency, like USD, or all.";
        }

        if (item.Size is not { } size || !double.IsFinite(size) || Math.Abs(size) > 10_000)
        {
            return "size is in basis points (50 is +0.50 %), at most 10,000 either way.";
        }

        if ((kind == CurveShockKind.KeyRate) != (item.Tenor is not null) || (item.Tenor is { } tenor && !Tenors.TryYears(tenor, out _)))
        {
            return "A key_rate shock names the pillar's tenor (like 5Y), and only a key_rate shock has one.";
        }

        into.Curves.Add(new CurveShock(item.Name!, kind.Value, size, item.Tenor?.ToUpperInvariant()));
        return null;
    }

    private static ShockKind? Kind(ShockItem item) => (item.Kind ?? "relative").ToLowerInvariant() switch
    {
        "relative" => ShockKind.Relative,
        "absolute" => ShockKind.Absolute,
        _ => null,
    };

    private static string? NameProblem(ShockItem item, string words) =>
        string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > 64 ? words : null;

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
