using System.Text.Json;

using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Tests;

/// <summary>Every closed-form and historical measure against numpy/scipy (generate_risk_fixtures.py), 1e-10 relative.</summary>
public class RiskMeasureFixtureTests
{
    private const double Rel = 1e-10;

    public static TheoryData<int> Cases()
    {
        TheoryData<int> data = [];
        for (int i = 0; i < Fixtures.Risk.GetProperty("cases").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Historical_linear_and_basel_match_numpy(int index)
    {
        JsonElement c = Case(index, out RiskOptions linear);
        VarEs h = HistoricalVar.Compute(Fixtures.Returns, Fixtures.Exposures, linear);
        Near.Equal(c.GetProperty("historical").Number("var"), h.ValueAtRisk, Rel, what: "historical VaR");
        Near.Equal(c.GetProperty("historical").Number("es"), h.ExpectedShortfall, Rel, what: "historical ES");

        RiskOptions basel = new(linear.Confidence, linear.Horizon, QuantileRule.BaselOrderStatistic);
        VarEs b = HistoricalVar.Compute(Fixtures.Returns, Fixtures.Exposures, basel);
        Near.Equal(c.GetProperty("historicalBasel").Number("var"), b.ValueAtRisk, Rel, what: "Basel VaR");
        Near.Equal(c.GetProperty("historicalBasel").Number("es"), b.ExpectedShortfall, Rel, what: "Basel ES");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parametric_with_components_and_marginals_matches_numpy(int index)
    {
        JsonElement c = Case(index, out RiskOptions options);
        JsonElement e = c.GetProperty("parametric");
        ParametricRisk p = ParametricVar.FromReturns(Fixtures.Returns, Fixtures.Exposures, options);
        Near.Equal(e.Number("var"), p.ValueAtRisk, Rel, what: "VaR");
        Near.Equal(e.Number("es"), p.ExpectedShortfall, Rel, what: "ES");
        Near.Equal(e.Number("mean"), p.Mean, Rel, what: "mean");
        Near.Equal(e.Number("sigma"), p.StandardDeviation, Rel, what: "sigma");
        AssertByInstrument(e.GetProperty("components"), p.ComponentVar, "component");
        AssertByInstrument(e.GetProperty("marginal"), p.MarginalVar, "marginal");

        // Same answer through the covariance-matrix path.
        ParametricRisk viaCov = ParametricVar.FromCovariance(Covariance.Sample(Fixtures.Returns), Fixtures.Exposures, p.Mean, options);
        Near.Equal(e.Number("var"), viaCov.ValueAtRisk, Rel, what: "VaR via covariance");
        AssertByInstrument(e.GetProperty("components"), viaCov.ComponentVar, "component via covariance");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cornish_fisher_matches_scipy_including_integrated_es(int index)
    {
        JsonElement c = Case(index, out RiskOptions options);
        JsonElement e = c.GetProperty("cornishFisher");
        VarEs cf = CornishFisherVar.Compute(Fixtures.Returns, Fixtures.Exposures, options);
        Near.Equal(e.Number("var"), cf.ValueAtRisk, Rel, what: "CF VaR");

        // scipy integrates the tail numerically (quad, epsrel 1e-13); the library uses the closed form.
        Near.Equal(e.Number("es"), cf.ExpectedShortfall, 1e-9, what: "CF ES");
        (double skew, double kurt) = SampleStatistics.Shape(PortfolioPnl.FromReturns(Fixtures.Returns, Fixtures.Exposures));
        Near.Equal(e.Number("skewness"), skew, Rel, what: "skewness");
        Near.Equal(e.Number("excessKurtosis"), kurt, Rel, what: "excess kurtosis");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ewma_matches_numpy_for_two_decays(int index)
    {
        JsonElement c = Case(index, out RiskOptions options);
        foreach ((string key, double lambda) in new[] { ("ewma", 0.94), ("ewma97", 0.97) })
        {
            JsonElement e = c.GetProperty(key);
            ParametricRisk r = EwmaVar.Compute(Fixtures.Returns, Fixtures.Exposures, options, lambda);
            Near.Equal(e.Number("var"), r.ValueAtRisk, Rel, what: $"{key} VaR");
            Near.Equal(e.Number("es"), r.ExpectedShortfall, Rel, what: $"{key} ES");
            Near.Equal(e.Number("sigma"), r.StandardDeviation, Rel, what: $"{key} sigma");
            AssertByInstrument(e.GetProperty("components"), r.ComponentVar, $"{key} component");

            VarEs fromPnl = EwmaVar.FromPnl(PortfolioPnl.FromReturns(Fixtures.Returns, Fixtures.Exposures), options, lambda);
            Near.Equal(e.Number("var"), fromPnl.ValueAtRisk, Rel, what: $"{key} VaR from P&L");
        }
    }

    [Fact]
    public void Market_value_is_quantity_times_last_price()
    {
        Near.Equal(Fixtures.Risk.Number("marketValue"), Fixtures.Exposures.Sum(), 1e-14);
    }

    private static JsonElement Case(int index, out RiskOptions options)
    {
        JsonElement c = Fixtures.Risk.GetProperty("cases")[index];
        options = new RiskOptions(c.Number("confidence"), c.GetProperty("horizon").GetInt32());
        return c;
    }

    private static void AssertByInstrument(JsonElement expected, IReadOnlyList<double> actual, string what)
    {
        IReadOnlyList<string> names = Fixtures.Returns.Instruments;
        for (int i = 0; i < names.Count; i++)
        {
            Near.Equal(expected.Number(names[i]), actual[i], Rel, 1e-9, $"{what} {names[i]}");
        }
    }
}
