using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Api.Risk;

/// <summary>
/// A book against the current daily scenario set: today's positions at live prices (the last close when no live
/// price is known) revalued over the set's daily returns, the way risk desks run VaR intraday.
/// </summary>
public static class DailyScenarios
{
    public static BookScenarios ForBook(
        ScenarioSet set,
        IReadOnlyList<(string InstrumentId, double Quantity)> positions,
        IReadOnlyDictionary<string, InstrumentReference> references,
        string baseCurrency,
        IReadOnlyDictionary<string, PriceTick> livePrices,
        int lookback,
        IReadOnlyDictionary<string, int> daysPerYear,
        Valuation? given = null)
    {
        var columns = new List<BookInstrument>(positions.Count);
        var rates = new Dictionary<string, (double Rate, DateTimeOffset? At)>(StringComparer.Ordinal);
        var withoutHistory = new List<string>();
        foreach (var (instrumentId, _) in positions)
        {
            var column = set.IndexOf(instrumentId);
            if (!references.TryGetValue(instrumentId, out var reference) || column < 0 || FxLegs.Find(set, reference.Currency, baseCurrency) is not { } legs)
            {
                withoutHistory.Add(instrumentId);
                continue;
            }

            columns.Add(new BookInstrument(instrumentId, column, legs));
        }

        var book = BookReturns.Select(set, columns, lookback);
        withoutHistory.AddRange(book.WithoutHistory);
        var quantities = positions.ToDictionary(p => p.InstrumentId, p => p.Quantity, StringComparer.Ordinal);
        var included = new List<ValuedPosition>(book.Included.Count);
        var perYear = 0;
        foreach (var instrument in book.Included)
        {
            var reference = references[instrument.InstrumentId];
            var (price, pricedAt) = given?.Prices?.TryGetValue(instrument.InstrumentId, out var at) == true
                ? (at, null)
                : Price(set, instrument.InstrumentId, instrument.Column, livePrices);
            var rate = 1.0;
            if (instrument.Fx.Count > 0 && given?.FxRates?.TryGetValue(reference.Currency, out var givenRate) == true)
            {
                rate = givenRate;
            }
            else
            {
                // Leg by leg from 1, as the stream processor converts, so the same prices give the same rate bit for bit.
                foreach (var leg in instrument.Fx)
                {
                    var (legPrice, _) = Price(set, set.Instruments[leg.Column], leg.Column, livePrices);
                    rate *= leg.Inverse ? 1.0 / legPrice : legPrice;
                }
            }

            var quantity = quantities[instrument.InstrumentId];
            included.Add(new ValuedPosition(instrument.InstrumentId, reference.AssetClass, quantity, price, rate, quantity * price * rate, pricedAt, reference.Currency));
            perYear = Math.Max(perYear, daysPerYear.TryGetValue(reference.AssetClass, out var days) ? days : 252);
        }

        var asOf = new DateTimeOffset(set.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return new BookScenarios(book.Returns, included, withoutHistory, TimeSpan.FromDays(1), asOf, ScenarioKinds.Daily,
            perYear == 0 ? 252 : perYear, set, book.Included, book.Rows);
    }

    private static (double Price, DateTimeOffset? At) Price(ScenarioSet set, string instrumentId, int column, IReadOnlyDictionary<string, PriceTick> livePrices)
    {
        if (livePrices.TryGetValue(instrumentId, out var tick) && tick.Price > 0 && double.IsFinite(tick.Price))
        {
            return (tick.Price, tick.Timestamp);
        }

        var (close, day) = set.LastClose(column);
        return (close, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }
}
