using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskRadar.Ingestion.Feeds;

// Named literals so that a NaN price, itself a reason to dead-letter, can still be written out as the payload.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RawTick))]
[JsonSerializable(typeof(Push.PushResult))]
internal sealed partial class FeedJsonContext : JsonSerializerContext;
