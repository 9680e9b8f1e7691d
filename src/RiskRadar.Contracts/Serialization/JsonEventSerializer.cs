using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;

namespace RiskRadar.Contracts.Serialization;

/// <summary>Kafka (de)serializer for an event type, using its source-generated JSON metadata.</summary>
public sealed class JsonEventSerializer<T>(JsonTypeInfo<T> typeInfo) : ISerializer<T>, IDeserializer<T>
    where T : class
{
    public byte[] Serialize(T data, SerializationContext context) =>
        JsonSerializer.SerializeToUtf8Bytes(data, typeInfo);

    /// <exception cref="InvalidEventException">The bytes are not a valid <typeparamref name="T"/>.</exception>
    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            throw new InvalidEventException($"{typeof(T).Name}: the record has no value.");
        }

        try
        {
            return JsonSerializer.Deserialize(data, typeInfo)
                ?? throw new InvalidEventException($"{typeof(T).Name}: the value is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidEventException($"{typeof(T).Name}: {ex.Message}", ex);
        }
    }
}

/// <summary>A record that cannot be read as the event its topic carries; it belongs in the dead-letter topic.</summary>
public sealed class InvalidEventException(string message, Exception? inner = null) : Exception(message, inner);
