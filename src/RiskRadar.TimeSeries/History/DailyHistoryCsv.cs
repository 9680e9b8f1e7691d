using System.Globalization;
using nietras.SeparatedValues;
using RiskRadar.Contracts.Instruments;

namespace RiskRadar.TimeSeries.History;

/// <summary>A parsed history file: its bars when every line is good, or every error with its line.</summary>
public sealed record DailyHistoryFile(IReadOnlyList<DailyBar> Bars, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Daily history as CSV, in either layout:
/// <list type="bullet">
/// <item>long: a header naming <c>date</c>, <c>instrument</c> (or <c>instrument_id</c>) and <c>close</c>, optionally
/// <c>open</c>, <c>high</c>, <c>low</c>, one bar per line;</item>
/// <item>wide: <c>date</c> first, then one column per instrument id, one day per line (an empty cell is no close).</item>
/// </list>
/// Dates are ISO (<c>2026-11-27</c>); numbers use a dot for decimals and may group thousands with commas when quoted.
/// A file is checked whole and errors name the line (<c>line 12.close</c>), like JSON errors name the field.
/// </summary>
public static class DailyHistoryCsv
{
    private const int MaxErrors = 100;
    private const NumberStyles Number = NumberStyles.Float | NumberStyles.AllowThousands;

    /// <param name="isKnown">Whether an instrument id is in the instrument master.</param>
    /// <param name="today">The newest date a bar may carry.</param>
    /// <param name="maxBars">More bars than this and the file is refused.</param>
    /// <param name="rateTenor">
    /// The tenor in years of an id that is a zero-curve pillar: its cells are zero rates (any sign), stored as the
    /// zero-coupon price 100·e^(−z·T) like its stream (<see cref="Contracts.Events.RateFactor"/>); null for a price.
    /// </param>
    public static DailyHistoryFile Parse(TextReader text, Func<string, bool> isKnown, DateOnly today, int maxBars, Func<string, double?>? rateTenor = null)
    {
        rateTenor ??= _ => null;
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(isKnown);
        var errors = new Errors();
        var bars = new List<DailyBar>();
        var seen = new Dictionary<(string, DateOnly), int>();
        try
        {
            // The header is read as a row: Sep refuses a header with a repeated name outright, and the client should
            // hear which column repeats.
            using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).From(text);
            if (!reader.MoveNext() || reader.Current.ColCount < 2)
            {
                errors.Add("line 1", "The file is empty or its header has fewer than two columns; see the import formats in docs/api.md.");
                return errors.Result(bars);
            }

            var header = Enumerable.Range(0, reader.Current.ColCount).Select(c => reader.Current[c].ToString()).ToList();
            var layout = Layout.Of(header, isKnown, errors);
            if (layout is null)
            {
                return errors.Result(bars);
            }

            foreach (var row in reader)
            {
                var line = row.LineNumberFrom;
                if (row.ColCount == 1 && row[0].Span.IsEmpty)
                {
                    continue;
                }

                if (row.ColCount != header.Count)
                {
                    errors.Add($"line {line}", $"Expected {header.Count} comma-separated values, found {row.ColCount}.");
                    continue;
                }

                if (!TryDate(row[layout.Date].Span, today, out var day, out var dateError))
                {
                    errors.Add($"line {line}.date", dateError!);
                    continue;
                }

                if (layout.Wide is { } columns)
                {
                    foreach (var (column, instrumentId) in columns)
                    {
                        var cell = row[column].Span;
                        if (!cell.IsEmpty && TryQuote(cell, $"line {line}.{instrumentId}", errors, rateTenor(instrumentId)) is { } close)
                        {
                            Add(new DailyBar(instrumentId, day, close), line, $"line {line}.{instrumentId}");
                        }
                    }
                }
                else
                {
                    var instrumentId = row[layout.Instrument].ToString();
                    if (!isKnown(instrumentId))
                    {
                        errors.Add($"line {line}.instrument", $"Unknown instrument '{Truncate(instrumentId)}'; add it to the instrument master first.");
                        continue;
                    }

                    var tenor = rateTenor(instrumentId);
                    var close = TryQuote(row[layout.Close].Span, $"line {line}.close", errors, tenor);
                    var open = Optional(row, layout.Open, $"line {line}.open", errors, tenor);
                    var high = Optional(row, layout.High, $"line {line}.high", errors, tenor);
                    var low = Optional(row, layout.Low, $"line {line}.low", errors, tenor);
                    if (tenor is not null)
                    {
                        // The price falls as the rate rises: the day's highest rate is its lowest price.
                        (high, low) = (low, high);
                    }

                    if (close is not { } c || (layout.Open >= 0 && open is null && !row[layout.Open].Span.IsEmpty)
                        || (layout.High >= 0 && high is null && !row[layout.High].Span.IsEmpty)
                        || (layout.Low >= 0 && low is null && !row[layout.Low].Span.IsEmpty))
                    {
                        continue;
                    }

                    var bar = new DailyBar(instrumentId, day, c, open, high, low);
                    if (RangeError(bar) is { } rangeError)
                    {
                        errors.Add($"line {line}", rangeError);
                        continue;
                    }

                    Add(bar, line, $"line {line}");
                }

                if (bars.Count > maxBars)
                {
                    errors.Add("$", $"At most {maxBars:N0} bars per file; split the file.");
                    break;
                }
            }
        }
        catch (InvalidDataException ex)
        {
            // Sep's words for a malformed file (an unterminated quote) name the line; they carry no internals.
            errors.Add("$", ex.Message);
        }

        return errors.Result(bars);

        void Add(DailyBar bar, int line, string field)
        {
            if (seen.TryAdd((bar.InstrumentId, bar.Day), line))
            {
                bars.Add(bar);
            }
            else
            {
                errors.Add(field, $"{bar.InstrumentId} on {bar.Day:yyyy-MM-dd} is already given on line {seen[(bar.InstrumentId, bar.Day)]}.");
            }
        }
    }

    private static bool TryDate(ReadOnlySpan<char> text, DateOnly today, out DateOnly day, out string? error)
    {
        error = null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            error = $"'{Truncate(text.ToString())}' is not a date like 2026-11-27.";
            return false;
        }

        if (day > today)
        {
            error = $"{day:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).";
            return false;
        }

        return true;
    }

    private static double? TryPrice(ReadOnlySpan<char> text, string field, Errors errors)
    {
        if (!double.TryParse(text, Number, CultureInfo.InvariantCulture, out var price) || !double.IsFinite(price))
        {
            errors.Add(field, $"'{Truncate(text.ToString())}' is not a number.");
            return null;
        }

        if (price <= 0)
        {
            errors.Add(field, $"A price must be positive; got {price.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return price;
    }

    private static double? Optional(SepReader.Row row, int column, string field, Errors errors, double? rateTenor) =>
        column < 0 || row[column].Span.IsEmpty ? null : TryQuote(row[column].Span, field, errors, rateTenor);

    private static double? TryQuote(ReadOnlySpan<char> text, string field, Errors errors, double? rateTenor)
    {
        if (rateTenor is not { } years)
        {
            return TryPrice(text, field, errors);
        }

        if (!double.TryParse(text, Number, CultureInfo.InvariantCulture, out var rate) || !(Math.Abs(rate) < 1))
        {
            errors.Add(field, $"'{Truncate(text.ToString())}' is not a zero rate: a decimal between -1 and 1 (0.0425 for 4.25 %).");
            return null;
        }

        return ZeroCouponQuotes.Price(rate, years);
    }

    private static string? RangeError(DailyBar bar)
    {
        var top = Math.Max(bar.Close, bar.Open ?? bar.Close);
        var bottom = Math.Min(bar.Close, bar.Open ?? bar.Close);
        return bar.High is { } high && high < top ? "high is below the open or close."
            : bar.Low is { } low && low > bottom ? "low is above the open or close."
            : bar.High is { } h && bar.Low is { } l && h < l ? "high is below low."
            : null;
    }

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "…";

    private sealed record Layout(int Date, int Instrument, int Close, int Open, int High, int Low, IReadOnlyList<(int Column, string InstrumentId)>? Wide)
    {
        public static Layout? Of(IReadOnlyList<string> header, Func<string, bool> isKnown, Errors errors)
        {
            var names = header.Select(h => h.ToLowerInvariant()).ToList();
            var date = names.IndexOf("date");
            var instrument = names.FindIndex(n => n is "instrument" or "instrument_id" or "instrumentid");
            var close = names.IndexOf("close");
            if (date >= 0 && instrument >= 0 && close >= 0)
            {
                return new Layout(date, instrument, close, names.IndexOf("open"), names.IndexOf("high"), names.IndexOf("low"), null);
            }

            if (date != 0)
            {
                errors.Add("line 1", "The header must be date,instrument,close[,open,high,low] or date followed by instrument ids.");
                return null;
            }

            var wide = new List<(int, string)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var column = 1; column < header.Count; column++)
            {
                var id = header[column];
                if (!isKnown(id))
                {
                    errors.Add("line 1", $"Column {column + 1}: unknown instrument '{Truncate(id)}'; add it to the instrument master first.");
                }
                else if (!seen.Add(id))
                {
                    errors.Add("line 1", $"Column {column + 1}: {id} is already a column.");
                }
                else
                {
                    wide.Add((column, id));
                }
            }

            return errors.Count == 0 ? new Layout(0, -1, -1, -1, -1, -1, wide) : null;
        }
    }

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
        private int _dropped;

        public int Count => _errors.Count;

        public void Add(string field, string message)
        {
            if (_errors.TryGetValue(field, out var messages))
            {
                messages.Add(message);
            }
            else if (_errors.Count < MaxErrors)
            {
                _errors[field] = [message];
            }
            else
            {
                _dropped++;
            }
        }

        public DailyHistoryFile Result(List<DailyBar> bars)
        {
            var errors = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
            if (_dropped > 0)
            {
                errors["$"] = [.. errors.GetValueOrDefault("$") ?? [], $"…and {_dropped} more errors not listed; fix these first."];
            }

            return new DailyHistoryFile(errors.Count == 0 ? bars : [], errors);
        }
    }
}
