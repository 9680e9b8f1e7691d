using RiskRadar.Analytics.Quantiles;
using RiskRadar.Analytics.Risk;

namespace RiskRadar.Analytics.Valuation;

/// <summary>
/// Historical VaR and ES of a multi-asset book: the loss quantile of its revalued scenario P&amp;L (R type 7 by
/// default) and the mean loss at or beyond it. The horizon enters through the moves (× √h) rather than through
/// the VaR, because an option's P&amp;L is not linear in the move.
/// </summary>
public static class MultiAssetRisk
{
    public static VarEs Measure(MultiAssetBook book, ScenarioMoves moves, RiskOptions options, RevaluationMethod method = RevaluationMethod.Full)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(moves);
        ArgumentNullException.ThrowIfNull(options);
        double[] losses = new double[moves.Count];
        book.Revalue(moves, options.Horizon, method, losses);
        for (int s = 0; s < losses.Length; s++)
        {
            losses[s] = -losses[s];
        }

        return TailRisk.Measure(losses, options.Confidence, options.Rule);
    }
}
