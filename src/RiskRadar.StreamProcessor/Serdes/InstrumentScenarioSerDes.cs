using System.Collections.Concurrent;
using Confluent.Kafka;
using RiskRadar.Contracts.Serialization;
using RiskRadar.StreamProcessor.Pipeline;
using Streamiz.Kafka.Net.SerDes;

namespace RiskRadar.StreamProcessor.Serdes;

/// <summary>
/// Serde of the scenario histories. The global table keeps bytes and every portfolio boundary reads each held
/// instrument's history, so parsing (~20 KB each) would dominate; a history only changes once per bar, so the
/// parsed value is reused while the bytes are the same.
/// </summary>
public sealed class InstrumentScenarioSerDes : AbstractSerDes<InstrumentScenario>
{
    private const int MaxRemembered = 8192;
    private static readonly JsonEventSerializer<InstrumentScenario> Serializer = new(PipelineJsonContext.Default.InstrumentScenario);
    private static readonly ConcurrentDictionary<int, (byte[] Bytes, InstrumentScenario Value)> Parsed = new();

    public override byte[] Serialize(InstrumentScenario data, SerializationContext context) => Serializer.Serialize(data, context);

    public override InstrumentScenario Deserialize(byte[] data, SerializationContext context)
    {
        if (data is null)
        {
            return Serializer.Deserialize(data, true, context);
        }

        var hash = new HashCode();
        hash.AddBytes(data);
        var key = hash.ToHashCode();
        if (Parsed.TryGetValue(key, out var known) && known.Bytes.AsSpan().SequenceEqual(data))
        {
            return known.Value;
        }

        var value = Serializer.Deserialize(data, false, context);
        if (Parsed.Count >= MaxRemembered)
        {
            Parsed.Clear();
        }

        Parsed[key] = (data, value);
        return value;
    }
}
