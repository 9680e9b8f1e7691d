using RiskRadar.Analytics.Instruments.Bonds;
using RiskRadar.Cli.Arguments;
using RiskRadar.Cli.Output;

namespace RiskRadar.Cli.Commands;

/// <summary>'price bond': fixed-rate bond measures from a yield or a clean price (per 100 face).</summary>
internal static class PriceBondCommand
{
    private static readonly Dictionary<string, DayCountConvention> s_dayCounts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["30/360"] = DayCountConvention.Thirty360BondBasis,
        ["act/act"] = DayCountConvention.ActualActualIcma,
        ["act/365"] = DayCountConvention.Actual365Fixed,
    };

    public static int Run(OptionSet options, TextWriter output)
    {
        double face = options.OptionalDouble("face", 100.0);
        double coupon = options.RequiredDouble("coupon-rate");
        int frequency = options.RequiredInt("frequency");
        if (frequency is not (1 or 2 or 4 or 12))
        {
            throw new CliException($"--frequency must be 1, 2, 4 or 12; got {frequency}.");
        }

        DateOnly maturity = options.RequiredDate("maturity");
        DateOnly settlement = options.RequiredDate("settlement");
        DayCountConvention dayCount = options.Choice("day-count", s_dayCounts);
        bool hasYield = options.Has("yield"), hasPrice = options.Has("clean-price");
        if (hasYield == hasPrice)
        {
            throw new CliException("'price bond' needs exactly one of --yield and --clean-price.");
        }

        double? yield = hasYield ? options.RequiredDouble("yield") : null;
        double? clean = hasPrice ? options.RequiredDouble("clean-price") : null;
        bool json = options.Json;
        if (settlement >= maturity)
        {
            throw new CliException($"--settlement {settlement:yyyy-MM-dd} must be before --maturity {maturity:yyyy-MM-dd}.");
        }

        FixedRateBond bond = new(face, coupon, frequency, maturity, dayCount);
        BondAnalytics a = yield is { } y ? BondPricer.FromYield(bond, settlement, y) : BondPricer.FromCleanPrice(bond, settlement, clean!.Value);
        BondReport report = new(a.CleanPrice, a.DirtyPrice, a.AccruedInterest, a.Yield, a.MacaulayDuration, a.ModifiedDuration, a.Convexity, a.Dv01, a.BasisPointValue);
        return ReportWriter.Write(output, json, report, ReportJsonContext.Default.BondReport, r => new TableWriter()
            .Row("clean price (per 100)", r.CleanPrice, "0.########")
            .Row("dirty price (per 100)", r.DirtyPrice, "0.########")
            .Row("accrued interest (per 100)", r.AccruedInterest, "0.########")
            .Row("yield", r.Yield, "0.##########")
            .Row("Macaulay duration", r.MacaulayDuration, "0.########")
            .Row("modified duration", r.ModifiedDuration, "0.########")
            .Row("convexity", r.Convexity, "0.########")
            .Row("DV01 (per 100, loss for +1bp)", r.Dv01, "0.##########")
            .Row("basis point value (per 100, +1bp)", r.BasisPointValue, "0.##########"));
    }
}
