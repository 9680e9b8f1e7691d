using System.Text.Json;
using System.Text.Json.Serialization;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Ingestion.Instruments;

/// <summary>Loads and validates the instrument universe file (JSON array of <see cref="InstrumentDefinition"/>).</summary>
public static class InstrumentUniverse
{
    public static IReadOnlyList<InstrumentDefinition> Load(string path)
    {
        using var stream = File.OpenRead(path);
        var instruments = JsonSerializer.Deserialize(stream, IngestionJsonContext.Default.InstrumentDefinitionArray)
            ?? throw new InvalidDataException($"{path}: the file holds no instruments.");
        Validate(path, instruments);
        return instruments;
    }

    internal static void Validate(string source, IReadOnlyList<InstrumentDefinition> instruments)
    {
        if (instruments.Count == 0)
        {
            throw new InvalidDataException($"{source}: the universe is empty.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < instruments.Count; i++)
        {
            var instrument = instruments[i];
            var problem = instrument switch
            {
                { Id: null or "" } => "has no id",
                _ when !seen.Add(instrument.Id) => $"repeats id {instrument.Id}",
                { Price: not > 0 } => "has a non-positive price",
                { Volatility: not (>= 0 and < 5) } => "has a volatility outside [0, 5)",
                { Drift: not (> -1 and < 1) } => "has a drift outside (-1, 1)",
                { PriceScale: not > 0 } or { PriceScale: double.PositiveInfinity } => "has a price scale that is not a positive number",
                { MeanReversion: not (>= 0 and < 100) } => "has a mean reversion outside [0, 100)",
                { Kind: InstrumentKinds.Rate, Rate: null } or { Kind: InstrumentKinds.Volatility, VolatilityNode: null } => "is a market factor without its terms",
                { Kind: not (InstrumentKinds.Spot or InstrumentKinds.Rate or InstrumentKinds.Volatility) } => "is of a kind a simulator cannot quote",
                _ => null,
            };
            if (problem is not null)
            {
                throw new InvalidDataException($"{source}: instrument #{i + 1} {problem}.");
            }
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(InstrumentDefinition[]))]
internal sealed partial class IngestionJsonContext : JsonSerializerContext;
