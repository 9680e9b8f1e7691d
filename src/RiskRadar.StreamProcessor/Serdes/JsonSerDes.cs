using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.StreamProcessor.Pipeline;
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

/// <summary><c>market.prices</c> records, binary or JSON (<see cref="PriceTickCodec"/>).</summary>
public sealed class PriceTickSerDes : AbstractSerDes<PriceTick>
{
    public override byte[] Serialize(PriceTick data, SerializationContext context) => EventSerializers.PriceTickRecord.Serialize(data, context);

    public override PriceTick Deserialize(byte[] data, SerializationContext context) =>
        EventSerializers.PriceTickRecord.Deserialize(data, data is null, context);
}

/// <summary>Ticks as JSON, for the dead-letter topic: a person reads those.</summary>
public sealed class PriceTickJsonSerDes() : JsonSerDes<PriceTick>(EventSerializers.PriceTick);

public sealed class PositionChangeSerDes() : JsonSerDes<PositionChange>(EventSerializers.PositionChange);

public sealed class InstrumentReferenceSerDes() : JsonSerDes<InstrumentReference>(EventSerializers.InstrumentReference);

public sealed class InstrumentBarSerDes() : JsonSerDes<InstrumentBar>(EventSerializers.InstrumentBar);

public sealed class RiskAggregateSerDes() : JsonSerDes<RiskAggregate>(EventSerializers.RiskAggregate);

/// <summary>Book-topic records written in the binary layout (<see cref="BookInputCodec"/>, <see cref="PipelineOptions.BookEncoding"/>); JSON ones are read too.</summary>
public sealed class BookInputBinarySerDes : AbstractSerDes<BookInput>
{
    public override byte[] Serialize(BookInput data, SerializationContext context) => BookInputCodec.Encode(data);

    public override BookInput Deserialize(byte[] data, SerializationContext context) =>
        data is null ? throw new InvalidEventException("BookInput: the record has no value.") : BookInputCodec.Decode(data);
}

/// <summary>Book-topic records written as JSON (the default), to read them by eye; binary ones are read too.</summary>
public sealed class BookInputSerDes : AbstractSerDes<BookInput>
{
    public override byte[] Serialize(BookInput data, SerializationContext context) => BookInputCodec.Json.Serialize(data, context);

    public override BookInput Deserialize(byte[] data, SerializationContext context) =>
        data is null ? throw new InvalidEventException("BookInput: the record has no value.") : BookInputCodec.Decode(data);
}
