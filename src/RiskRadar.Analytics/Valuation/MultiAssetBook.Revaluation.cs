using System.Numerics.Tensors;

using RiskRadar.Analytics.Instruments.Curves;
using RiskRadar.Analytics.Kernels;

namespace RiskRadar.Analytics.Valuation;

public sealed partial class MultiAssetBook
{
    /// <summary>
    /// P&amp;L of the book under each scenario, every move scaled by √<paramref name="horizon"/> (an instantaneous shock:
    /// time does not pass). For a book of spot instruments alone this is the linear P&amp;L of the risk conventions ×
    /// √h, so its VaR is the linear VaR.
    /// </summary>
    public void Revalue(ScenarioMoves moves, int horizon, RevaluationMethod method, Span<double> pnl) =>
        Revalue(new ScenarioShocks(_market, moves, horizon), method, pnl);

    /// <summary>As above, reading (and filling) rows that other books valued at the same market state share.</summary>
    public void Revalue(ScenarioShocks shocks, RevaluationMethod method, Span<double> pnl)
    {
        ArgumentNullException.ThrowIfNull(shocks);
        if (!ReferenceEquals(shocks.Market, _market))
        {
            throw new ArgumentException("The shocks were built for another market state than the book's.", nameof(shocks));
        }

        ScenarioMoves moves = shocks.Moves;
        CheckShape(moves);
        Guard.Length(pnl.Length, moves.Count, nameof(pnl));
        pnl.Clear();
        switch (method)
        {
            case RevaluationMethod.Full:
                RevalueFully(shocks, pnl);
                break;
            case RevaluationMethod.DeltaGamma:
                Approximate(moves, shocks.Scale, pnl, out _);
                break;
            default:
                throw new ArgumentException($"Unknown revaluation method {method}.", nameof(method));
        }
    }

    /// <summary>Scenario <paramref name="scenario"/>'s full-revaluation P&amp;L split into what each sensitivity predicts.</summary>
    public PnlExplanation Explain(ScenarioMoves moves, int scenario, int horizon = 1)
    {
        ArgumentNullException.ThrowIfNull(moves);
        ScenarioMoves one = moves.Single(scenario);
        CheckShape(one);
        Guard.Horizon(horizon);
        ScenarioShocks shocks = new(_market, one, horizon);
        Span<double> actual = [0.0];
        RevalueFully(shocks, actual);
        Span<double> approximate = [0.0];
        Approximate(one, shocks.Scale, approximate, out PnlExplanation parts);
        return parts with { Actual = actual[0] };
    }

    private void CheckShape(ScenarioMoves moves)
    {
        if (moves.Underlyings != _market.Spots.Length || moves.VolatilitySeries != _market.Volatilities.Length || moves.Curves != _market.Curves.Count)
        {
            throw new ArgumentException(
                $"Scenario moves cover {moves.Underlyings} underlyings, {moves.VolatilitySeries} volatility series and {moves.Curves} curves; the market state has {_market.Spots.Length}, {_market.Volatilities.Length} and {_market.Curves.Count}.",
                nameof(moves));
        }

        for (int c = 0; c < moves.Curves; c++)
        {
            Guard.Length(moves.PillarsOf(c), _market.Curves[c].Pillars, $"pillar moves of curve {c}");
        }
    }

    private void RevalueFully(ScenarioShocks shocks, Span<double> pnl)
    {
        ScenarioMoves moves = shocks.Moves;
        double scale = shocks.Scale;
        ReadOnlySpan<double> spots = _market.Spots;
        for (int u = 0; u < _linear.Length; u++)
        {
            if (_linear[u] != 0.0)
            {
                TensorPrimitives.MultiplyAdd(moves.Returns(u), _linear[u] * spots[u] * scale, pnl, pnl);
            }
        }

        if (_options.Length == 0 && _futures.Length == 0 && _bonds.Length == 0)
        {
            return;
        }

        foreach (PricedOption o in _options)
        {
            OptionHolding h = o.Holding;
            (double[] rateTime, double[] discount) = shocks.Rates(h.Curve, h.Expiry, o.Weights);
            BlackScholesBatch.Accumulate(o.Terms, shocks.Spot(h.Underlying), shocks.LogSpot(h.Underlying), shocks.VolatilityMove(h.Volatility), rateTime, discount, pnl);
        }

        foreach (PricedFuture f in _futures)
        {
            FutureHolding h = f.Holding;
            double[] discount = shocks.Rates(h.Curve, h.Expiry, f.Weights).Discount;
            ReadOnlySpan<double> spot = shocks.Spot(h.Underlying);

            // F′ = S′e^(−yT)e^(z′T) = S′·(F/S)/e^(−Δz·T).
            double carry = f.FairValue / spots[h.Underlying];
            for (int s = 0; s < pnl.Length; s++)
            {
                pnl[s] += h.Quantity * ((spot[s] * carry / discount[s]) - f.FairValue);
            }
        }

        foreach (PricedBond b in _bonds)
        {
            for (int i = 0; i < b.Discounts.Length; i++)
            {
                double t = b.Flows.Times[i], pv = b.Holding.Quantity * b.Flows.Amounts[i] * b.Discounts[i];
                ReadOnlySpan<double> lower = LowerRow(moves, b.Holding.Curve, b.Weights[i]), upper = UpperRow(moves, b.Holding.Curve, b.Weights[i]);
                double wl = t * b.Weights[i].Lower * scale, wu = t * b.Weights[i].Upper * scale;
                for (int s = 0; s < pnl.Length; s++)
                {
                    pnl[s] += pv * (Math.Exp(-((wl * lower[s]) + (wu * upper[s]))) - 1.0);
                }
            }
        }
    }

    private void Approximate(ScenarioMoves moves, double scale, Span<double> pnl, out PnlExplanation parts)
    {
        ReadOnlySpan<double> spots = _market.Spots;
        double delta = 0.0, gamma = 0.0, vega = 0.0, rates = 0.0;
        bool single = pnl.Length == 1;
        for (int u = 0; u < spots.Length; u++)
        {
            double d = _model.Delta[u] * spots[u] * scale, g = 0.5 * _model.Gamma[u] * spots[u] * spots[u] * scale * scale;
            if (d == 0.0 && g == 0.0)
            {
                continue;
            }

            ReadOnlySpan<double> r = moves.Returns(u);
            for (int s = 0; s < pnl.Length; s++)
            {
                pnl[s] += r[s] * (d + (g * r[s]));
            }

            if (single)
            {
                delta += d * r[0];
                gamma += g * r[0] * r[0];
            }
        }

        for (int v = 0; v < _model.Vega.Length; v++)
        {
            if (_model.Vega[v] != 0.0)
            {
                TensorPrimitives.MultiplyAdd(moves.VolatilityMoves(v), _model.Vega[v] * scale, pnl, pnl);
                vega += single ? _model.Vega[v] * scale * moves.VolatilityMoves(v)[0] : 0.0;
            }
        }

        for (int c = 0; c < _model.RateFirst.Length; c++)
        {
            double[] first = _model.RateFirst[c], second = _model.RateSecond[c];
            int pillars = first.Length;
            for (int p = 0; p < pillars; p++)
            {
                ReadOnlySpan<double> zp = moves.CurveMoves(c, p);
                if (first[p] != 0.0)
                {
                    TensorPrimitives.MultiplyAdd(zp, first[p] * scale, pnl, pnl);
                    rates += single ? first[p] * scale * zp[0] : 0.0;
                }

                for (int q = 0; q < pillars; q++)
                {
                    double h = 0.5 * second[(p * pillars) + q] * scale * scale;
                    if (h == 0.0)
                    {
                        continue;
                    }

                    ReadOnlySpan<double> zq = moves.CurveMoves(c, q);
                    for (int s = 0; s < pnl.Length; s++)
                    {
                        pnl[s] += h * zp[s] * zq[s];
                    }

                    rates += single ? h * zp[0] * zq[0] : 0.0;
                }
            }
        }

        parts = new PnlExplanation(double.NaN, delta, gamma, vega, rates);
    }

    internal static ReadOnlySpan<double> LowerRow(ScenarioMoves moves, int curve, PillarWeights w) => moves.CurveMoves(curve, w.Index);

    // On or outside a pillar the upper weight is 0 and there may be no pillar above: its row is never weighed.
    internal static ReadOnlySpan<double> UpperRow(ScenarioMoves moves, int curve, PillarWeights w) =>
        moves.CurveMoves(curve, w.Upper == 0.0 ? w.Index : w.Index + 1);
}
