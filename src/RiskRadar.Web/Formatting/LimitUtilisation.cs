using RiskRadar.Web.Gateway;

namespace RiskRadar.Web.Formatting;

public enum LimitLevel
{
    None,
    Within,
    /// <summary>At 80 % of the limit or more: worth a look before it breaks.</summary>
    Near,
    Breached,
}

/// <summary>How much of a portfolio's tightest enabled limit on a metric its figure uses; limits are the alert rules.</summary>
public sealed record LimitUtilisation(double Fraction, double Threshold, LimitLevel Level)
{
    public const double NearFraction = 0.8;

    /// <summary>
    /// The tightest enabled rule on <paramref name="metric"/> for the portfolio (its own, or a rule for every portfolio of the
    /// tenant); null without a rule or a figure. A rule on one window kind still limits the figure: the limit is the line.
    /// </summary>
    public static LimitUtilisation? For(string portfolioId, string metric, double? value, IEnumerable<AlertRuleDto> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var tightest = rules
            .Where(r => r.Enabled && r.Metric == metric && (r.PortfolioId is null || r.PortfolioId == portfolioId) && r.Threshold > 0)
            .Select(r => (double?)r.Threshold)
            .Min();
        if (value is not { } v || tightest is not { } threshold)
        {
            return null;
        }

        var fraction = v / threshold;
        return new LimitUtilisation(fraction, threshold, fraction > 1 ? LimitLevel.Breached : fraction >= NearFraction ? LimitLevel.Near : LimitLevel.Within);
    }
}
