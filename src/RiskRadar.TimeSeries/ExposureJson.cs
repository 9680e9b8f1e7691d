using System.Text;
using System.Text.Json;

namespace RiskRadar.TimeSeries;

/// <summary>
/// The exposure-by-asset-class map as a jsonb object. Hand-written with Utf8JsonWriter so the store needs no
/// reflection-based serializer; doubles are written in their shortest round-trip form and jsonb keeps them as
/// exact decimals, so they read back bit for bit.
/// </summary>
internal static class ExposureJson
{
    public static string Serialize(IReadOnlyDictionary<string, double> exposures)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (assetClass, exposure) in exposures)
            {
                writer.WriteNumber(assetClass, exposure);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static Dictionary<string, double> Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var exposures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            exposures[property.Name] = property.Value.GetDouble();
        }

        return exposures;
    }
}
