using System.Globalization;
using System.Text;
using System.Text.Json;
using RiskRadar.Ingestion.Feeds;

namespace RiskRadar.Ingestion.Push;

/// <summary>
/// Reads pushed ticks, <c>{"instrument": "AAPL", "price": 190.1, "timestamp": "2025-…Z", "sequence": 42}</c>, from a
/// JSON array or newline-delimited JSON. All or nothing: any malformed tick fails the whole request with errors
/// keyed by where they are (<c>[2].price</c>, <c>line 3.timestamp</c>), so a client can fix and resend without
/// creating duplicates of the good part.
/// </summary>
public static class PushTickParser
{
    public const string Json = "application/json";
    public const string NdJson = "application/x-ndjson";

    private const int MaxErrors = 20;

    public sealed record Result(IReadOnlyList<RawTick> Ticks, Dictionary<string, string[]> Errors);

    public static Result Parse(ReadOnlySpan<byte> body, bool ndjson, string source)
    {
        var ticks = new List<RawTick>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (ndjson)
        {
            var text = Encoding.UTF8.GetString(body);
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length && errors.Count < MaxErrors; i++)
            {
                var line = lines[i].TrimEnd('\r');
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var where = $"line {i + 1}";
                try
                {
                    using var document = JsonDocument.Parse(line);
                    ReadTick(document.RootElement, where, source, ticks, errors);
                }
                catch (JsonException e)
                {
                    errors[where] = [$"not valid JSON (byte {e.BytePositionInLine + 1}): send one JSON object per line"];
                }
            }
        }
        else
        {
            try
            {
                using var document = JsonDocument.Parse(body.ToArray());
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    errors["$"] = ["the body must be a JSON array of ticks"];
                }
                else
                {
                    var index = 0;
                    foreach (var element in document.RootElement.EnumerateArray())
                    {
                        ReadTick(element, $"[{index++}]", source, ticks, errors);
                        if (errors.Count >= MaxErrors)
                        {
                            break;
                        }
                    }
                }
            }
            catch (JsonException e)
            {
                errors[$"line {e.LineNumber + 1}"] = [$"not valid JSON (byte {e.BytePositionInLine + 1})"];
            }
        }

        return new Result(ticks, errors);
    }

    private static void ReadTick(JsonElement element, string where, string source, List<RawTick> ticks, Dictionary<string, string[]> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors[where] = ["a tick must be a JSON object"];
            return;
        }

        var before = errors.Count;
        string? instrument = null;
        if (!element.TryGetProperty("instrument", out var instrumentElement) || instrumentElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(instrumentElement.GetString()))
        {
            errors[$"{where}.instrument"] = ["required: the instrument id or symbol as a string"];
        }
        else
        {
            instrument = instrumentElement.GetString()!.Trim();
        }

        var price = double.NaN;
        if (!element.TryGetProperty("price", out var priceElement) || !TryReadPrice(priceElement, out price))
        {
            errors[$"{where}.price"] = ["required: a number"];
        }

        DateTimeOffset timestamp = default;
        if (!element.TryGetProperty("timestamp", out var timeElement) || timeElement.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(timeElement.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp))
        {
            errors[$"{where}.timestamp"] = ["required: an ISO-8601 time, e.g. 2025-01-31T14:30:00.123Z"];
        }

        long sequence = 0;
        if (!element.TryGetProperty("sequence", out var sequenceElement) || sequenceElement.ValueKind != JsonValueKind.Number || !sequenceElement.TryGetInt64(out sequence))
        {
            errors[$"{where}.sequence"] = ["required: an integer, increasing per instrument"];
        }

        if (errors.Count == before)
        {
            ticks.Add(new RawTick(instrument!, price, timestamp, sequence, source));
        }
    }

    // "NaN" and "Infinity" as strings are read, so that they are dead-lettered as nan rather than refused as malformed.
    private static bool TryReadPrice(JsonElement element, out double price)
    {
        price = double.NaN;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out price),
            JsonValueKind.String => element.GetString() is "NaN" or "Infinity" or "-Infinity"
                && double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out price),
            _ => false,
        };
    }
}
