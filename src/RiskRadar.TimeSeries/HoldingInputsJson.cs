using System.Text;
using System.Text.Json;
using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries;

/// <summary>
/// A window's valued holdings as a jsonb array, written like <see cref="ExposureJson"/>: doubles in their shortest
/// round-trip form, which jsonb keeps as exact decimals, so prices and rates read back bit for bit and the
/// explained calculation reproduces the window's measures exactly.
/// </summary>
internal static class HoldingInputsJson
{
    public static string Serialize(IReadOnlyList<HoldingInput> inputs)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var input in inputs)
            {
                writer.WriteStartObject();
                writer.WriteString("instrumentId", input.InstrumentId);
                writer.WriteString("currency", input.Currency);
                writer.WriteNumber("quantity", input.Quantity);
                writer.WriteNumber("price", input.Price);
                writer.WriteNumber("fxRate", input.FxRate);
                if (input.Kind is { } kind)
                {
                    writer.WriteString("kind", kind);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static List<HoldingInput> Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var inputs = new List<HoldingInput>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            inputs.Add(new HoldingInput(
                element.GetProperty("instrumentId").GetString()!,
                element.GetProperty("currency").GetString()!,
                element.GetProperty("quantity").GetDouble(),
                element.GetProperty("price").GetDouble(),
                element.GetProperty("fxRate").GetDouble(),
                element.TryGetProperty("kind", out var kind) ? kind.GetString() : null));
        }

        return inputs;
    }
}
