using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Instruments;

namespace RiskRadar.LoadHarness;

/// <summary>
/// The load's instruments with, when a share of positions is asked to be options, what options need: a USD zero curve
/// (four pillars), one at-the-money 3-month volatility node per underlying, and one listed call per underlying (strike
/// 100, three months, 100 shares a contract). The pillars and nodes are quoted and tick like any instrument, so each
/// contract's value moves with the boundaries of its factors, as in the deployed stream.
/// </summary>
internal sealed class ContractUniverse
{
    public const int MaxUnderlyings = 100;

    private static readonly (string Tenor, double Years)[] s_pillars = [("3M", 0.25), ("1Y", 1), ("5Y", 5), ("10Y", 10)];

    private ContractUniverse(string[] quoted, IReadOnlyList<InstrumentReference> references, string[] options)
    {
        Quoted = quoted;
        References = references;
        Options = options;
    }

    /// <summary>Every instrument that ticks and has daily history: the spot universe, then the pillars and nodes.</summary>
    public string[] Quoted { get; }

    public IReadOnlyList<InstrumentReference> References { get; }

    public string[] Options { get; }

    public static ContractUniverse Of(string[] instruments, double optionShare)
    {
        List<InstrumentReference> references = [.. instruments.Select(id => new InstrumentReference(id, id, AssetClasses.Equity, "USD", 1))];
        if (optionShare <= 0)
        {
            return new ContractUniverse(instruments, references, []);
        }

        var underlyings = instruments.Take(MaxUnderlyings).ToArray();
        var expiry = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(3);
        references.AddRange(s_pillars.Select(p => new InstrumentReference(
            $"IR.USD.{p.Tenor}", $"USD {p.Tenor}", AssetClasses.FixedIncome, "USD", 1, InstrumentKinds.Rate, Rate: new RateFactor("USD", p.Tenor))));
        references.AddRange(underlyings.Select(u => new InstrumentReference(
            Node(u), Node(u), AssetClasses.Volatility, "USD", 1, InstrumentKinds.Volatility, Volatility: new VolatilityFactor(u, "3M", 1.0))));
        references.AddRange(underlyings.Select(u => new InstrumentReference(
            Option(u), Option(u), AssetClasses.Equity, "USD", 1, InstrumentKinds.Option, Option: new OptionContract(u, OptionRights.Call, 100, expiry, 100, DividendYield: 0.01))));
        string[] quoted = [.. instruments, .. s_pillars.Select(p => $"IR.USD.{p.Tenor}"), .. underlyings.Select(Node)];
        return new ContractUniverse(quoted, references, [.. underlyings.Select(Option)]);
    }

    /// <summary>Where an instrument's random walk starts: 100 for a share, a pillar's zero-coupon price at 4 %, a volatility of 25 %.</summary>
    public static double Start(string instrumentId) =>
        instrumentId.StartsWith("VOL.", StringComparison.Ordinal) ? 0.25
        : instrumentId.StartsWith("IR.", StringComparison.Ordinal) ? ZeroCouponQuotes.Price(0.04, s_pillars.Single(p => instrumentId.EndsWith("." + p.Tenor, StringComparison.Ordinal)).Years)
        : 100.0;

    /// <summary>Position <paramref name="k"/> of a portfolio is an option when it is among the first share of its positions.</summary>
    public bool IsOption(int k, int positions, double share) => Options.Length > 0 && k < (int)Math.Round(share * positions);

    private static string Node(string underlying) => $"VOL.{underlying}.3M";

    private static string Option(string underlying) => $"OP.{underlying}.C100";
}
