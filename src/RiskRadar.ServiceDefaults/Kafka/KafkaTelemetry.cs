using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace RiskRadar.ServiceDefaults.Kafka;

/// <summary>
/// W3C trace context across Kafka: the producer side writes <c>traceparent</c>/<c>tracestate</c> headers,
/// the consumer side continues the trace from them, so one trace spans feed → topology → sink.
/// </summary>
public static class KafkaTelemetry
{
    public const string MeterName = "RiskRadar.Kafka";
    public const string ActivitySourceName = "RiskRadar.Kafka";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    /// <summary>Starts a producer span for <paramref name="topic"/> and writes its context into <paramref name="headers"/>.</summary>
    public static Activity? StartProduce(string topic, Headers headers)
    {
        var activity = ActivitySource.StartActivity($"{topic} publish", ActivityKind.Producer);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.destination.name", topic);
            activity.SetTag("messaging.operation.type", "publish");
        }

        Inject(activity ?? Activity.Current, headers);
        return activity;
    }

    /// <summary>Writes the context of <paramref name="activity"/> into Kafka headers (replacing any earlier one).</summary>
    public static void Inject(Activity? activity, Headers headers)
    {
        if (activity is null)
        {
            return;
        }

        DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, key, value) =>
        {
            if (carrier is Headers h && value is not null)
            {
                h.Remove(key);
                h.Add(key, Encoding.UTF8.GetBytes(value));
            }
        });
    }

    /// <summary>True when the message carries a trace context to continue (the producer traced it).</summary>
    public static bool HasTraceContext(Headers? headers) => headers is not null && headers.TryGetLastBytes("traceparent", out _);

    /// <summary>Starts a consumer span that continues the trace carried by the message's headers.</summary>
    public static Activity? StartProcess(string topic, Headers? headers, string operation = "process")
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, static (object? carrier, string key, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = carrier is Headers h && h.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        }, out var traceParent, out var traceState);

        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent);
        var activity = ActivitySource.StartActivity($"{topic} {operation}", ActivityKind.Consumer, parent);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.destination.name", topic);
            activity.SetTag("messaging.operation.type", operation);
        }

        return activity;
    }
}
