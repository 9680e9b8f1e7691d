using System.Globalization;
using System.Text.Json;

using RiskRadar.Analytics.Instruments.Bonds;

namespace RiskRadar.Analytics.Tests;

/// <summary>QuantLib 1.29 BondFunctions on FixedRateBond: prices 1e-12 relative, risk measures 1e-10, yields 1e-10.</summary>
public class BondTests
{
    public static TheoryData<int> Cases()
    {
        TheoryData<int> data = [];
        for (int i = 0; i < Fixtures.QuantLib.GetProperty("bonds").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Yield_to_price_matches_quantlib(int index)
    {
        JsonElement e = Fixtures.QuantLib.GetProperty("bonds")[index];
        BondAnalytics a = BondPricer.FromYield(Bond(e), Date(e, "settlement"), e.Number("yield"));
        Near.Equal(e.Number("cleanPrice"), a.CleanPrice, 1e-12, what: "clean");
        Near.Equal(e.Number("dirtyPrice"), a.DirtyPrice, 1e-12, what: "dirty");
        Near.Equal(e.Number("accruedInterest"), a.AccruedInterest, 1e-12, 1e-14, "accrued");
        Near.Equal(e.Number("macaulayDuration"), a.MacaulayDuration, 1e-10, what: "Macaulay");
        Near.Equal(e.Number("modifiedDuration"), a.ModifiedDuration, 1e-10, what: "modified");
        Near.Equal(e.Number("convexity"), a.Convexity, 1e-10, what: "convexity");
        Near.Equal(e.Number("dv01"), a.Dv01, 1e-10, what: "DV01");
        Near.Equal(e.Number("basisPointValue"), a.BasisPointValue, 1e-10, what: "basis point value");
        Assert.True(a.Dv01 > 0, "DV01 of a long bond is the positive loss for +1 bp");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Price_to_yield_matches_quantlib(int index)
    {
        JsonElement e = Fixtures.QuantLib.GetProperty("bonds")[index];
        JsonElement p = e.GetProperty("fromPrice");
        BondAnalytics a = BondPricer.FromCleanPrice(Bond(e), Date(e, "settlement"), p.Number("cleanPrice"));
        Near.Equal(p.Number("yield"), a.Yield, 1e-10, 1e-13, "yield");
        Near.Equal(p.Number("modifiedDuration"), a.ModifiedDuration, 1e-10, what: "modified");
        Near.Equal(p.Number("macaulayDuration"), a.MacaulayDuration, 1e-10, what: "Macaulay");
        Near.Equal(p.Number("convexity"), a.Convexity, 1e-10, what: "convexity");
        Near.Equal(p.Number("dv01"), a.Dv01, 1e-9, what: "DV01");
        Near.Equal(p.Number("basisPointValue"), a.BasisPointValue, 1e-9, what: "basis point value");

        // Round trip: the solved yield reprices the quote.
        Near.Equal(p.Number("cleanPrice"), BondPricer.FromYield(Bond(e), Date(e, "settlement"), a.Yield).CleanPrice, 1e-13, what: "round trip");
    }

    [Fact]
    public void Thirty360_bond_basis_rules()
    {
        static DateOnly d(int y, int m, int dd) => new(y, m, dd);
        Assert.Equal(31, DayCounter.Thirty360BondBasisDays(d(2025, 1, 31), d(2025, 3, 1)));
        Assert.Equal(183, DayCounter.Thirty360BondBasisDays(d(2030, 2, 28), d(2030, 8, 31)));
        Assert.Equal(178, DayCounter.Thirty360BondBasisDays(d(2030, 8, 31), d(2031, 2, 28)));
        Assert.Equal(0, DayCounter.Thirty360BondBasisDays(d(2025, 3, 30), d(2025, 3, 31)));
        Assert.Equal(2, DayCounter.Thirty360BondBasisDays(d(2025, 3, 29), d(2025, 3, 31)));
    }

    [Fact]
    public void Settlement_on_or_after_maturity_is_rejected()
    {
        FixedRateBond bond = new(100, 0.05, 2, new DateOnly(2030, 1, 15), DayCountConvention.Actual365Fixed);
        ArgumentException ex = Assert.Throws<ArgumentException>(() => BondPricer.FromYield(bond, new DateOnly(2030, 1, 15), 0.05));
        Assert.Contains("maturity", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new FixedRateBond(100, 0.05, 3, new DateOnly(2030, 1, 15), DayCountConvention.Actual365Fixed));
    }

    private static FixedRateBond Bond(JsonElement e) => new(
        e.Number("face"), e.Number("couponRate"), e.GetProperty("frequency").GetInt32(), Date(e, "maturity"),
        e.GetProperty("dayCount").GetString() switch
        {
            "30/360" => DayCountConvention.Thirty360BondBasis,
            "act/act" => DayCountConvention.ActualActualIcma,
            _ => DayCountConvention.Actual365Fixed,
        });

    private static DateOnly Date(JsonElement e, string name) => DateOnly.ParseExact(e.GetProperty(name).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
