using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiskRadar.Ingestion.Feeds;
using RiskRadar.Ingestion.Instruments;
using RiskRadar.Ingestion.Pipeline;
using RiskRadar.Ingestion.Push;
using RiskRadar.Ingestion.Validation;

namespace RiskRadar.Ingestion.Apis;

/// <summary><c>POST /v1/feeds/prices</c>: vendors push ticks as a JSON array or as NDJSON, authenticated by a feed key.</summary>
public static class PricePushApi
{
    public static IEndpointRouteBuilder MapPricePushApi(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/v1/feeds").WithTags("Feeds");
        feeds.MapPost("/prices", PushPricesAsync)
            .WithName("PushPrices")
            .WithSummary("Push price ticks")
            .WithDescription($"Body: a JSON array ({PushTickParser.Json}) or one tick per line ({PushTickParser.NdJson}); header {FeedKeyVerifier.HeaderName}.")
            .Accepts<RawTick[]>(PushTickParser.Json, PushTickParser.NdJson)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Accepted<PushResult>, ValidationProblem, ProblemHttpResult>> PushPricesAsync(
        HttpContext context,
        FeedKeyVerifier keys,
        TickChannel channel,
        InstrumentMaster master,
        IDeadLetterSink deadLetters,
        IOptions<PushOptions> pushOptions,
        IOptions<ValidationOptions> validationOptions,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (keys.Verify(request.Headers[FeedKeyVerifier.HeaderName]) is not { } feed)
        {
            context.Response.Headers.WWWAuthenticate = FeedKeyVerifier.HeaderName;
            return TypedResults.Problem($"A valid {FeedKeyVerifier.HeaderName} header is required.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        var limit = pushOptions.Value.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        var ndjson = request.ContentType?.StartsWith(PushTickParser.NdJson, StringComparison.OrdinalIgnoreCase) == true;
        if (!ndjson && request.ContentType?.StartsWith(PushTickParser.Json, StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem($"Send {PushTickParser.Json} or {PushTickParser.NdJson}.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        if (!master.Loaded.IsCompleted)
        {
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem("The instrument master is still loading.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
        }

        // Chunked bodies have no Content-Length: count while reading and stop one byte past the limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        var body = await ReadBodyAsync(request.Body, limit, cancellationToken);
        if (body is null)
        {
            return TooLarge(limit);
        }

        var parsed = PushTickParser.Parse(body, ndjson, $"push:{feed}");
        if (parsed.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(parsed.Errors, "No tick of this request was accepted; fix the fields named and resend.", title: "Malformed price ticks");
        }

        // Stateless checks here so the client hears about them; the pipeline applies the stateful ones.
        var validator = new TickValidator(master, validationOptions.Value);
        int accepted = 0, rejected = 0;
        foreach (var tick in parsed.Ticks)
        {
            var verdict = validator.CheckStateless(tick, time.GetUtcNow());
            if (verdict.IsAccepted)
            {
                await channel.Writer.WriteAsync(tick, cancellationToken);
                accepted++;
            }
            else
            {
                deadLetters.Publish(tick.Instrument, JsonSerializer.Serialize(tick, FeedJsonContext.Default.RawTick), verdict.Rejection.Code, verdict.Rejection.Detail);
                rejected++;
            }
        }

        return TypedResults.Accepted((string?)null, new PushResult(accepted, rejected));
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem($"The body exceeds {limit} bytes; split it into smaller requests.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    private static async Task<byte[]?> ReadBodyAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
