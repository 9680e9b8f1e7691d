using System.Text.Json;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Contracts.Serialization;

/// <summary>
/// Reads a message of the live risk feed (<c>GET /v1/stream/risk</c>): the Api forwards what the StreamProcessor
/// published through <see cref="Caching.LatestRiskCache"/> (a window aggregate) and <see cref="Caching.ProvisionalRiskCache"/>
/// (provisional figures, which carry <c>"kind": "provisional"</c>), so the feed's format is theirs.
/// </summary>
public static class LiveRiskMessages
{
    /// <summary>The window aggregate or the provisional figures the message holds; throws <see cref="InvalidEventException"/> on anything else.</summary>
    public static LiveRiskMessage Read(ReadOnlySpan<byte> message) =>
        IsProvisional(message)
            ? new LiveRiskMessage(null, EventSerializers.ProvisionalRisk.Deserialize(message, isNull: false, default))
            : new LiveRiskMessage(EventSerializers.RiskAggregate.Deserialize(message, isNull: false, default), null);

    private static bool IsProvisional(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKind = reader.ValueTextEquals("kind"u8);
                reader.Read();
                if (isKind)
                {
                    return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("provisional"u8);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: the aggregate reader below reports it as an invalid event.
        }

        return false;
    }
}

/// <summary>One message of the live feed: exactly one of the two is set.</summary>
public sealed record LiveRiskMessage(RiskAggregate? Window, ProvisionalRisk? Provisional);
