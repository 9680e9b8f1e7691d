using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RiskRadar.Ingestion.Apis;
using RiskRadar.Ingestion.Feeds;
using RiskRadar.Ingestion.Pipeline;
using RiskRadar.Ingestion.Push;
using RiskRadar.Ingestion.Tests.Support;
using RiskRadar.Ingestion.Validation;

namespace RiskRadar.Ingestion.Tests;

/// <summary>The push endpoint over real HTTP (Kestrel on a free port), with the services it needs and no broker.</summary>
public sealed class PricePushApiTests : IAsyncLifetime
{
    private const string Key = "vendor-a-secret-key";

    private readonly RecordingDeadLetterSink _deadLetters = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<PushOptions>(o =>
        {
            o.FeedKeys["vendor-a"] = FeedKeyVerifier.Hash(Key);
            o.MaxBodyBytes = 2048;
        });
        builder.Services.Configure<ValidationOptions>(_ => { });
        builder.Services.Configure<ChannelOptions>(o => o.Capacity = 1000);
        builder.Services.AddSingleton<FeedKeyVerifier>();
        builder.Services.AddSingleton<TickChannel>();
        builder.Services.AddSingleton(TestInstruments.LoadedMaster());
        builder.Services.AddSingleton<IDeadLetterSink>(_deadLetters);
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.MapPricePushApi();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Without_a_valid_feed_key_the_push_is_unauthorized(string? key)
    {
        using var response = await PostAsync($"[{Tick("AAPL", 190, 1)}]", PushTickParser.Json, key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(Queued());
    }

    [Fact]
    public async Task A_json_array_is_queued_and_stateless_rejects_are_dead_lettered()
    {
        var body = $"[{Tick("AAPL", 190, 1)},{Tick("VOD.L", 7250, 1)},{Tick("NOPE", 1, 1)},{Tick("AAPL", -1, 2)}]";

        using var response = await PostAsync(body, PushTickParser.Json, Key);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new PushResult(2, 2), await response.Content.ReadFromJsonAsync<PushResult>());
        var queued = Queued();
        Assert.Equal(["AAPL", "VOD.L"], queued.Select(t => t.Instrument));
        Assert.All(queued, t => Assert.Equal("push:vendor-a", t.Source));
        Assert.Equal([RejectionCodes.UnknownInstrument, RejectionCodes.NonPositive], _deadLetters.Letters.Select(l => l.Code));
        Assert.Contains("\"instrument\":\"NOPE\"", _deadLetters.Letters.First().Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ndjson_is_one_tick_per_line()
    {
        var body = $"{Tick("AAPL", 190, 1)}\n\n{Tick("AAPL", 190.5, 2)}\r\n";

        using var response = await PostAsync(body, PushTickParser.NdJson, Key);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new PushResult(2, 0), await response.Content.ReadFromJsonAsync<PushResult>());
        Assert.Equal([1L, 2], Queued().Select(t => t.Sequence));
    }

    [Fact]
    public async Task A_malformed_ndjson_line_fails_the_request_naming_the_line_and_field()
    {
        var body = $"{Tick("AAPL", 190, 1)}\n{{\"instrument\":\"AAPL\",\"price\":\"high\",\"timestamp\":\"{Now}\",\"sequence\":2}}\nnot json\n";

        using var response = await PostAsync(body, PushTickParser.NdJson, Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = await ErrorsAsync(response);
        Assert.Contains("line 2.price", errors);
        Assert.Contains("line 3", errors);
        Assert.StartsWith("not valid JSON (byte ", Assert.Single(errors["line 3"]), StringComparison.Ordinal);
        Assert.DoesNotContain("line 1", errors.Keys.Where(k => k.StartsWith("line 1", StringComparison.Ordinal)));
        Assert.Empty(Queued());
    }

    [Fact]
    public async Task A_json_array_with_missing_fields_names_the_element_and_field()
    {
        using var response = await PostAsync($"[{Tick("AAPL", 190, 1)},{{\"instrument\":\"AAPL\",\"price\":1}}]", PushTickParser.Json, Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Equal(["[1].sequence", "[1].timestamp"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Invalid_json_is_a_bad_request()
    {
        using var response = await PostAsync("[{\"instrument\":", PushTickParser.Json, Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.NotEmpty(errors);
        // The parser's own wording (its type names, "LineNumber: 0 | BytePositionInLine: 15") is not for clients.
        Assert.All(errors.Values.SelectMany(v => v), message => Assert.DoesNotMatch(@"System\.|LineNumber|BytePositionInLine|Path:|'", message));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_too_large()
    {
        var body = "[" + string.Join(",", Enumerable.Range(1, 40).Select(i => Tick("AAPL", 190, i))) + "]";
        Assert.True(Encoding.UTF8.GetByteCount(body) > 2048);

        using var response = await PostAsync(body, PushTickParser.Json, Key);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Queued());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_too_large_too()
    {
        var body = "[" + string.Join(",", Enumerable.Range(1, 40).Select(i => Tick("AAPL", 190, i))) + "]";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new(PushTickParser.Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/feeds/prices") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add(FeedKeyVerifier.HeaderName, Key);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Another_media_type_is_unsupported()
    {
        using var response = await PostAsync("timestamp,instrument,price", "text/csv", Key);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static string Now => DateTimeOffset.UtcNow.ToString("O");

    private static string Tick(string instrument, double price, long sequence) =>
        JsonSerializer.Serialize(new { instrument, price, timestamp = DateTimeOffset.UtcNow, sequence });

    private async Task<HttpResponseMessage> PostAsync(string body, string mediaType, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/feeds/prices") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (key is not null)
        {
            request.Headers.Add(FeedKeyVerifier.HeaderName, key);
        }

        return await _client.SendAsync(request);
    }

    private List<RawTick> Queued()
    {
        var reader = _app.Services.GetRequiredService<TickChannel>().Reader;
        var ticks = new List<RawTick>();
        while (reader.TryRead(out var tick))
        {
            ticks.Add(tick);
        }

        return ticks;
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
