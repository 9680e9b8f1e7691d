using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RiskRadar.StreamProcessor.Tests.Alerts;

/// <summary>
/// A webhook endpoint on a loopback port that checks signatures the way a customer would, independently of the
/// production signing code, and answers 401 on a mismatch and otherwise what <c>statusForRequest</c> says.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _secret;
    private readonly Func<int, int> _statusForRequest;
    private int _requests;

    private WebhookReceiver(WebApplication app, string secret, Func<int, int> statusForRequest)
    {
        _app = app;
        _secret = secret;
        _statusForRequest = statusForRequest;
    }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public string Url { get; private set; } = "";

    /// <param name="statusForRequest">Status to answer to a correctly signed request, by its 1-based number.</param>
    public static async Task<WebhookReceiver> StartAsync(string secret, Func<int, int>? statusForRequest = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret, statusForRequest ?? (_ => StatusCodes.Status204NoContent));
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var timestamp = request.Headers["X-RiskRadar-Timestamp"].ToString();
        var signature = request.Headers["X-RiskRadar-Signature"].ToString();

        var expected = "sha256=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray()));
        var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            && long.TryParse(timestamp, out var seconds)
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) < 300;

        Received.Enqueue(new ReceivedWebhook(
            request.Headers["X-RiskRadar-Alert-Id"].ToString(),
            Encoding.UTF8.GetString(body),
            request.ContentType,
            valid,
            Stopwatch.GetTimestamp()));
        return valid ? Results.StatusCode(_statusForRequest(Interlocked.Increment(ref _requests))) : Results.Unauthorized();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedWebhook(string AlertId, string Body, string? ContentType, bool SignatureValid, long ReceivedAt);
