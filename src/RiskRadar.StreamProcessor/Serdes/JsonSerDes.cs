using Confluent.Kafka;
using RiskRadar.Contracts.Serialization;
using Streamiz.Kafka.Net.SerDes;

namespace RiskRadar.StreamProcessor.Serdes;

/// <summary>Streamiz serde over the shared source-generated JSON serializer of an event type.</summary>
public abstract class JsonSerDes<T>(JsonEventSerializer<T> serializer) : AbstractSerDes<T>
    where T : class
{
    public override byte[] Serialize(T data, SerializationContext context) => serializer.Serialize(data, context);

    public override T Deserialize(byte[] data, SerializationContext context) =>
        serializer.Deserialize(data, data is null, context);
}

public sealed class PriceTickSerDes() : JsonSerDes<Contracts.Events.PriceTick>(EventSerializers.PriceTick);
