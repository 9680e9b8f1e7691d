using RiskRadar.Analytics.Scenarios;
using RiskRadar.Analytics.Valuation;

namespace RiskRadar.TimeSeries.Books;

/// <summary>The positions of one currency, valued in it, and how that currency moves against the base.</summary>
/// <param name="FxRate">Base-currency units per unit today.</param>
/// <param name="Legs">The FX pairs converting it into the base currency; none in the base currency.</param>
/// <param name="FxMoves">The currency's simple return against the base per scenario row; null in the base currency.</param>
internal sealed record CurrencyBook(string Currency, MultiAssetBook Book, double FxRate, IReadOnlyList<(string Pair, bool Inverse)> Legs, double[]? FxMoves);

/// <summary>One position valued today, as a book of its own (for its P&amp;L in a stress scenario), in currency book <paramref name="CurrencyBook"/>.</summary>
internal sealed record ValuedHolding(PricedPosition Priced, MultiAssetBook Book, int CurrencyBook);

/// <summary>A book's P&amp;L per scenario of given factor returns, in total and per position (in <see cref="MultiAssetScenarioBook.Positions"/> order).</summary>
public sealed record FactorRevaluation(double[] Total, IReadOnlyList<double[]> ByPosition);

/// <summary>
/// A multi-asset book valued today and revalued over the scenario rows of a set (<see cref="MultiAssetScenarios"/>),
/// in the base currency: each currency's positions are revalued in it, and their value V and P&amp;L p become
/// fx·((V + p)(1 + √h·r_fx) − V), the FX return scaled like every other move.
/// </summary>
public sealed class MultiAssetScenarioBook
{
    private readonly MoveMap _map;
    private readonly IReadOnlyList<CurrencyBook> _books;
    private readonly IReadOnlyList<ValuedHolding> _holdings;

    internal MultiAssetScenarioBook(
        ScenarioSet set,
        IReadOnlyList<int> rows,
        string baseCurrency,
        DateOnly valuationDate,
        MarketState market,
        MoveMap map,
        ScenarioMoves? moves,
        IReadOnlyList<CurrencyBook> books,
        IReadOnlyList<ValuedHolding> holdings,
        IReadOnlyList<ExcludedPosition> excluded,
        IReadOnlyList<string> factors)
    {
        Set = set;
        Rows = rows;
        BaseCurrency = baseCurrency;
        ValuationDate = valuationDate;
        Market = market;
        _map = map;
        Moves = moves;
        _books = books;
        _holdings = holdings;
        Positions = [.. holdings.Select(h => h.Priced)];
        Excluded = excluded;
        Factors = factors;
        Value = books.Sum(b => b.FxRate * b.Book.Value);
    }

    /// <summary>The scenario-set columns whose moves reach the book: underlyings, curve pillars, surface nodes, FX pairs.</summary>
    public IReadOnlyList<string> Factors { get; }

    /// <summary>Every underlying (spot instrument) the book moves with, and its level today.</summary>
    public IReadOnlyList<(string InstrumentId, double Spot)> Underlyings => [.. _map.Underlyings.Select((id, u) => (id, Market.Spots[u]))];

    /// <summary>Every curve the book is valued on, with its pillars (instrument, tenor, years).</summary>
    public IReadOnlyList<(string Curve, IReadOnlyList<(string InstrumentId, string Tenor, double Years)> Pillars)> Curves =>
        [.. _map.Curves.Select(c => (c.Name, (IReadOnlyList<(string, string, double)>)[.. c.Pillars.Select(p => (p.InstrumentId, p.Tenor, p.Years))]))];

    /// <summary>The FX pairs converting the book's currencies into the base currency.</summary>
    public IReadOnlyList<string> FxPairs => [.. _books.SelectMany(b => b.Legs.Select(l => l.Pair)).Distinct(StringComparer.Ordinal)];

    /// <summary>The surface nodes the book's options read, with their levels today.</summary>
    public IReadOnlyDictionary<string, double> VolatilityNodes => _map.Volatilities.SelectMany(v => v).GroupBy(n => n.InstrumentId).ToDictionary(g => g.Key, g => g.First().Level);

    public ScenarioSet Set { get; }

    /// <summary>The set's row of each scenario, oldest first.</summary>
    public IReadOnlyList<int> Rows { get; }

    public string BaseCurrency { get; }

    public DateOnly ValuationDate { get; }

    public MarketState Market { get; }

    /// <summary>Null when no row of the set qualifies (or nothing could be valued).</summary>
    public ScenarioMoves? Moves { get; }

    public IReadOnlyList<PricedPosition> Positions { get; }

    public IReadOnlyList<ExcludedPosition> Excluded { get; }

    /// <summary>Σ position values in the base currency (futures add nothing).</summary>
    public double Value { get; }

    public int Scenarios => Moves?.Count ?? 0;

    /// <summary>Base-currency P&amp;L per scenario, every move scaled by √<paramref name="horizon"/>.</summary>
    public void Revalue(int horizon, RevaluationMethod method, Span<double> pnl)
    {
        var moves = Moves ?? throw new InvalidOperationException("The book has no scenario rows.");
        var shocks = new ScenarioShocks(Market, moves, horizon);
        pnl.Clear();
        var local = new double[moves.Count];
        foreach (var book in _books)
        {
            book.Book.Revalue(shocks, method, local);
            var value = book.Book.Value;
            for (var s = 0; s < local.Length; s++)
            {
                pnl[s] += book.FxMoves is { } fx
                    ? book.FxRate * (((value + local[s]) * (1.0 + (shocks.Scale * fx[s]))) - value)
                    : book.FxRate * local[s];
            }
        }
    }

    /// <summary>Per underlying and per curve, in the base currency (docs/analytics.md).</summary>
    public (IReadOnlyList<UnderlyingRisk> Underlyings, IReadOnlyList<CurveRisk> Curves) Sensitivities()
    {
        Dictionary<int, UnderlyingRisk> underlyings = [];
        Dictionary<int, (double Dv01, double[] KeyRates)> curves = [];
        foreach (var book in _books)
        {
            var fx = book.FxRate;
            foreach (var s in book.Book.Sensitivities.Underlyings)
            {
                var sum = underlyings.TryGetValue(s.Underlying, out var known)
                    ? known
                    : new UnderlyingRisk(_map.Underlyings[s.Underlying], book.Currency, Market.Spots[s.Underlying], 0, 0, 0, 0, 0, 0);
                underlyings[s.Underlying] = sum with
                {
                    Delta = sum.Delta + s.Delta,
                    CashDelta = sum.CashDelta + (fx * s.CashDelta),
                    Gamma = sum.Gamma + s.Gamma,
                    CashGamma = sum.CashGamma + (fx * s.CashGamma),
                    Vega = sum.Vega + (fx * s.Vega),
                    Theta = sum.Theta + (fx * s.Theta),
                };
            }

            foreach (var c in book.Book.Sensitivities.Curves)
            {
                var (dv01, keyRates) = curves.TryGetValue(c.Curve, out var known) ? known : (0.0, new double[c.KeyRateDv01.Count]);
                for (var p = 0; p < keyRates.Length; p++)
                {
                    keyRates[p] += fx * c.KeyRateDv01[p];
                }

                curves[c.Curve] = (dv01 + (fx * c.Dv01), keyRates);
            }
        }

        return (
            [.. underlyings.OrderBy(u => u.Key).Select(u => u.Value)],
            [.. curves.OrderBy(c => c.Key).Select(c => new CurveRisk(CurveName(c.Key), c.Value.Dv01,
                [.. _map.Curves[c.Key].Pillars.Select((p, i) => new KeyRateDv01(p.InstrumentId, p.Tenor, p.Years, c.Value.KeyRates[i]))]))]);
    }

    /// <summary>Scenario <paramref name="scenario"/>'s one-day P&amp;L (full revaluation) and what each sensitivity and the FX move explain of it.</summary>
    public PnlAttribution Explain(int scenario)
    {
        var moves = Moves ?? throw new InvalidOperationException("The book has no scenario rows.");
        double actual = 0, delta = 0, gamma = 0, vega = 0, rates = 0, fxTerm = 0;
        foreach (var book in _books)
        {
            var parts = book.Book.Explain(moves, scenario);
            var fx = book.FxRate;
            var move = book.FxMoves?[scenario] ?? 0.0;
            actual += fx * (((book.Book.Value + parts.Actual) * (1.0 + move)) - book.Book.Value);
            fxTerm += fx * (book.Book.Value + parts.Actual) * move;
            delta += fx * parts.Delta;
            gamma += fx * parts.Gamma;
            vega += fx * parts.Vega;
            rates += fx * parts.Rates;
        }

        return new PnlAttribution(Set.Dates[Rows[scenario]], actual, delta, gamma, vega, rates, fxTerm);
    }

    /// <summary>
    /// Full revaluation of the book and of each position under <paramref name="count"/> scenarios of factor returns
    /// (<see cref="Factors"/>; one not given does not move), applied at once: a stress scenario, or a historical
    /// period's compounded moves.
    /// </summary>
    public FactorRevaluation Revalue(FactorReturns returns, int count)
    {
        ArgumentNullException.ThrowIfNull(returns);
        var log = Set.Kind == ReturnKind.Log;
        var shocks = new ScenarioShocks(Market, _map.Moves(returns, count, log), 1);
        var fxMoves = _books.Select(b => b.Legs.Count == 0 ? null : MoveMap.FxMoves(b.Legs, returns, count, log)).ToList();
        var total = new double[count];
        var local = new double[count];
        List<double[]> byPosition = new(_holdings.Count);
        foreach (var holding in _holdings)
        {
            holding.Book.Revalue(shocks, RevaluationMethod.Full, local);
            var fx = _books[holding.CurrencyBook].FxRate;
            var value = holding.Book.Value;
            var pnl = new double[count];
            for (var s = 0; s < count; s++)
            {
                pnl[s] = fxMoves[holding.CurrencyBook] is { } move ? fx * (((value + local[s]) * (1.0 + move[s])) - value) : fx * local[s];
                total[s] += pnl[s];
            }

            byPosition.Add(pnl);
        }

        return new FactorRevaluation(total, byPosition);
    }

    private string CurveName(int curve) => _map.Curves[curve].Name;
}
