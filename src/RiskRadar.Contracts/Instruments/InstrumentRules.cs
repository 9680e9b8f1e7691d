using System.Text.RegularExpressions;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Contracts.Instruments;

/// <summary>
/// What makes an instrument record valid, for every writer of the master (the Api's create endpoint, Ingestion's
/// seed): errors keyed by the JSON path of the field, in words a client can act on.
/// </summary>
public static partial class InstrumentRules
{
    public const int MaxIdLength = 64;

    public static IReadOnlyDictionary<string, string[]> Validate(InstrumentReference instrument, Func<string, InstrumentReference?> find, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(find);
        Dictionary<string, string[]> errors = [];
        void Fail(string field, string message) => errors[field] = [message];

        if (!IsInstrumentId(instrument.InstrumentId))
        {
            Fail("instrumentId", $"An instrument id is 1 to {MaxIdLength} characters of letters, digits and . _ - :");
        }

        if (string.IsNullOrWhiteSpace(instrument.Symbol) || instrument.Symbol.Length > 64)
        {
            Fail("symbol", "symbol is 1 to 64 characters.");
        }

        if (!AssetClasses.All.Contains(instrument.AssetClass))
        {
            Fail("assetClass", $"assetClass must be one of {string.Join(", ", AssetClasses.All)}.");
        }

        if (!IsCurrency(instrument.Currency))
        {
            Fail("currency", "currency is an ISO 4217 code of three capital letters, e.g. USD.");
        }

        if (!(instrument.PriceScale > 0) || !double.IsFinite(instrument.PriceScale))
        {
            Fail("priceScale", "priceScale must be a positive number.");
        }

        if (!InstrumentKinds.All.Contains(instrument.Kind))
        {
            Fail("kind", $"kind must be one of {string.Join(", ", InstrumentKinds.All)}.");
            return errors;
        }

        CheckTermsMatchKind(instrument, Fail);
        if (instrument.Option is { } option && instrument.Kind == InstrumentKinds.Option)
        {
            CheckUnderlying("option.underlying", option.Underlying, instrument.InstrumentId, find, Fail);
            if (option.Right is not (OptionRights.Call or OptionRights.Put))
            {
                Fail("option.right", "right must be Call or Put.");
            }

            Positive("option.strike", option.Strike, Fail);
            Positive("option.multiplier", option.Multiplier, Fail);
            NotBefore("option.expiry", option.Expiry, today, Fail);
            CheckYieldSource("option", "dividendYield", option.DividendYield, "dividendCurve", option.DividendCurve, Fail);
        }

        if (instrument.Future is { } future && instrument.Kind == InstrumentKinds.Future)
        {
            CheckUnderlying("future.underlying", future.Underlying, instrument.InstrumentId, find, Fail);
            Positive("future.multiplier", future.Multiplier, Fail);
            NotBefore("future.expiry", future.Expiry, today, Fail);
            CheckYieldSource("future", "carryYield", future.CarryYield, "carryCurve", future.CarryCurve, Fail);
        }

        if (instrument.Bond is { } bond && instrument.Kind == InstrumentKinds.Bond)
        {
            Positive("bond.face", bond.Face, Fail);
            if (!(bond.CouponRate >= 0 && bond.CouponRate < 1))
            {
                Fail("bond.couponRate", "couponRate is an annual rate from 0 up to 1 (0.045 for 4.5 %).");
            }

            if (bond.Frequency is not (1 or 2 or 4 or 12))
            {
                Fail("bond.frequency", "frequency is the number of coupons a year: 1, 2, 4 or 12.");
            }

            if (!DayCounts.All.Contains(bond.DayCount))
            {
                Fail("bond.dayCount", $"dayCount must be one of {string.Join(", ", DayCounts.All)}.");
            }

            if (bond.Maturity <= today)
            {
                Fail("bond.maturity", $"maturity must be after today ({today:yyyy-MM-dd}).");
            }

            if (bond.Curve is not null && !IsCurrency(bond.Curve))
            {
                Fail("bond.curve", "curve names the currency of a zero curve, three capital letters; leave it out to use the bond's currency.");
            }
        }

        if (instrument.Rate is { } rate && instrument.Kind == InstrumentKinds.Rate)
        {
            if (rate.Curve != instrument.Currency)
            {
                Fail("rate.curve", $"curve names the currency of the zero curve the pillar belongs to, the instrument's currency ({instrument.Currency}).");
            }

            if (!Tenors.TryYears(rate.Tenor, out _))
            {
                Fail("rate.tenor", "tenor is a count and D, W, M or Y (3M, 1Y, 30Y), up to 100 years.");
            }

            if (instrument.AssetClass != AssetClasses.FixedIncome)
            {
                Fail("assetClass", $"A rate is of asset class {AssetClasses.FixedIncome}.");
            }
        }

        if (instrument.Volatility is { } volatility && instrument.Kind == InstrumentKinds.Volatility)
        {
            CheckUnderlying("volatility.underlying", volatility.Underlying, instrument.InstrumentId, find, Fail);
            if (!Tenors.TryYears(volatility.Tenor, out _))
            {
                Fail("volatility.tenor", "tenor is the expiry of the surface node: a count and D, W, M or Y (1M, 1Y).");
            }

            if (!(volatility.Moneyness is >= 0.05 and <= 20))
            {
                Fail("volatility.moneyness", "moneyness is strike over spot, from 0.05 to 20 (1 at the money).");
            }

            if (instrument.AssetClass != AssetClasses.Volatility)
            {
                Fail("assetClass", $"A volatility node is of asset class {AssetClasses.Volatility}.");
            }
        }

        return errors;
    }

    public static bool IsInstrumentId(string? id) => id is { Length: > 0 and <= MaxIdLength } && InstrumentIdPattern().IsMatch(id);

    public static bool IsCurrency(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);

    private static void CheckTermsMatchKind(InstrumentReference i, Action<string, string> fail)
    {
        (string Name, object? Terms, string Kind)[] terms =
        [
            ("option", i.Option, InstrumentKinds.Option), ("future", i.Future, InstrumentKinds.Future), ("bond", i.Bond, InstrumentKinds.Bond),
            ("rate", i.Rate, InstrumentKinds.Rate), ("volatility", i.Volatility, InstrumentKinds.Volatility),
        ];
        foreach ((string name, object? value, string kind) in terms)
        {
            if (kind == i.Kind && value is null)
            {
                fail(name, $"An instrument of kind {kind} needs its terms in '{name}'.");
            }
            else if (kind != i.Kind && value is not null)
            {
                fail(name, $"'{name}' belongs to instruments of kind {kind}; this one is {i.Kind}.");
            }
        }
    }

    private static void CheckUnderlying(string field, string underlying, string self, Func<string, InstrumentReference?> find, Action<string, string> fail)
    {
        if (underlying == self || !IsInstrumentId(underlying))
        {
            fail(field, "underlying must be the id of another instrument of the master.");
        }
        else if (find(underlying) is not { } u)
        {
            fail(field, $"No instrument '{underlying}' in the master.");
        }
        else if (u.Kind != InstrumentKinds.Spot)
        {
            fail(field, $"'{underlying}' is of kind {u.Kind}; an underlying must be a spot instrument.");
        }
    }

    private static void CheckYieldSource(string prefix, string yieldName, double? yield, string curveName, string? curve, Action<string, string> fail)
    {
        if (yield is not null && curve is not null)
        {
            fail($"{prefix}.{curveName}", $"Give {yieldName} or {curveName}, not both.");
        }
        else if (yield is { } y && !(Math.Abs(y) < 1))
        {
            fail($"{prefix}.{yieldName}", $"{yieldName} is a continuous annual rate between -1 and 1 (0.015 for 1.5 %).");
        }
        else if (curve is not null && !IsCurrency(curve))
        {
            fail($"{prefix}.{curveName}", $"{curveName} names the currency of a zero curve, three capital letters.");
        }
    }

    private static void Positive(string field, double value, Action<string, string> fail)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            fail(field, $"{field[(field.IndexOf('.') + 1)..]} must be a positive number.");
        }
    }

    private static void NotBefore(string field, DateOnly date, DateOnly today, Action<string, string> fail)
    {
        if (date < today)
        {
            fail(field, $"{field[(field.IndexOf('.') + 1)..]} {date:yyyy-MM-dd} has passed (today is {today:yyyy-MM-dd}).");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex InstrumentIdPattern();
}
