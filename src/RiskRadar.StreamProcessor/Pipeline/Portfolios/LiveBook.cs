using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;

namespace RiskRadar.StreamProcessor.Pipeline.Portfolios;

/// <summary>
/// What a book's provisional figure is valued from, as its book task saw it at a refresh: each holding at its
/// instrument's latest boundary with the live price the task had, the instruments' references, the FX prices it
/// converted with, and the P&amp;L the current window started from. Immutable, so the live value engine can value it
/// again at newer prices on its own thread (<see cref="Value"/>) exactly as the book task does.
/// </summary>
/// <param name="Holdings">In instrument-id order: sums come out the same bit for bit wherever the book is valued.</param>
/// <param name="Retired">Cumulative P&amp;L of holdings closed out and forgotten, by currency.</param>
/// <param name="LastClosed">The P&amp;L at the last boundary the book closed; null before its first.</param>
/// <param name="FxPrices">The price (and event time; <see cref="long.MinValue"/> for a boundary price) of each FX pair converting the book, as the task had it.</param>
public sealed record LiveBook(
    string PortfolioId,
    string TenantId,
    string BaseCurrency,
    long Version,
    IReadOnlyList<LiveHolding> Holdings,
    IReadOnlyDictionary<string, double> Retired,
    PnlSnapshot? LastClosed,
    IReadOnlyDictionary<string, InstrumentReference> References,
    IReadOnlyDictionary<string, (double Price, long Time)> FxPrices) : IMarketData
{
    public InstrumentReference? Reference(string instrumentId) => References.GetValueOrDefault(instrumentId);

    /// <summary>
    /// The book at the prices <paramref name="live"/> gives (each holding's price and its event time; null keeps the
    /// boundary price), valued in the base currency with <paramref name="fx"/>; null when nothing held has a price.
    /// </summary>
    /// <param name="now">The figure's time when no holding has a live price.</param>
    public LiveValue? Value(Func<LiveHolding, (double Price, long Time)?> live, IFxRates fx, IMarketData market, ScenarioSet? set, long now)
    {
        var positions = new List<PositionValue>(Holdings.Count);
        var cumulative = new Dictionary<string, double>(Retired, StringComparer.Ordinal);
        var asOf = long.MinValue;
        foreach (var holding in Holdings)
        {
            var price = holding.Price;
            var pnl = holding.CumulativePnl;
            if (live(holding) is { } latest)
            {
                pnl += price is { } known ? holding.Quantity * (latest.Price - known) : 0;
                price = latest.Price;
                asOf = Math.Max(asOf, latest.Time);
            }

            if (pnl != 0 && market.Reference(holding.InstrumentId) is { } reference)
            {
                cumulative[reference.Currency] = cumulative.GetValueOrDefault(reference.Currency) + pnl;
            }

            if (holding.Quantity != 0 && price is { } valued)
            {
                positions.Add(new PositionValue(holding.InstrumentId, holding.Quantity, valued));
            }
        }

        if (positions.Count == 0)
        {
            return null;
        }

        var time = asOf == long.MinValue ? now : asOf;
        var valuation = BookValuation.Of(BaseCurrency, time, positions, market, fx, set);
        return new LiveValue(time, cumulative, valuation, WindowPnl(cumulative, fx, time));
    }

    /// <summary>The book's provisional figure: <paramref name="value"/> with the risk measured on it.</summary>
    public ProvisionalRisk Figure(LiveValue value, PortfolioRisk risk, ScenarioSet? set, DateTimeOffset computedAt)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(risk);
        var asOf = DateTimeOffset.FromUnixTimeMilliseconds(value.AsOf);
        return new ProvisionalRisk(
            PortfolioId,
            TenantId,
            BaseCurrency,
            asOf,
            risk.MarketValue,
            value.WindowPnl,
            LastClosed is { } last ? DateTimeOffset.FromUnixTimeMilliseconds(last.Boundary) : null,
            risk.GrossExposure,
            risk.NetExposure,
            risk.ExposureByAssetClass,
            Finite(risk.At95?.ValueAtRisk),
            Finite(risk.At99?.ValueAtRisk),
            Finite(risk.At975?.ExpectedShortfall),
            Finite(risk.Ratios?.Volatility),
            risk.Scenarios,
            risk.Positions,
            risk.InstrumentsWithoutHistory,
            computedAt,
            set?.Id,
            Version,
            asOf);
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>Price P&amp;L since the last closed boundary in the base currency, each currency at its rate now; 0 before the first.</summary>
    private double WindowPnl(Dictionary<string, double> cumulative, IFxRates fx, long time)
    {
        if (LastClosed is null)
        {
            return 0;
        }

        var pnl = 0.0;
        foreach (var (currency, value) in cumulative)
        {
            var change = value - LastClosed.ByCurrency.GetValueOrDefault(currency);
            if (change != 0 && FxConversion.Find(currency, BaseCurrency, fx)?.RateAt(time) is { } rate)
            {
                pnl += change * rate;
            }
        }

        return pnl;
    }
}

/// <summary>A holding of a <see cref="LiveBook"/>: its state at its instrument's latest boundary, and the live price the book task had.</summary>
/// <param name="Price">The price at that boundary (or at the position change after it); null before the instrument's first tick.</param>
public sealed record LiveHolding(string InstrumentId, double Quantity, double CumulativePnl, double? Price, (double Price, long Time)? Live);

/// <summary>A <see cref="LiveBook"/> valued at one set of prices.</summary>
/// <param name="AsOf">Event time of the newest price used.</param>
/// <param name="Cumulative">Σ cumulative price P&amp;L by instrument currency.</param>
/// <param name="WindowPnl">P&amp;L since the last closed boundary, base currency.</param>
public sealed record LiveValue(long AsOf, Dictionary<string, double> Cumulative, BookValuation Valuation, double WindowPnl);
