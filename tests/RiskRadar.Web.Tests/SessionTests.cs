using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;
using Microsoft.Extensions.Time.Testing;
using RiskRadar.Web.Auth;
using RiskRadar.Web.Live;

namespace RiskRadar.Web.Tests;

/// <summary>
/// Sessions against a scripted token endpoint (the refresh rules are the dashboard's; the real gateway's endpoint is
/// exercised by the whole-stack browser tests).
/// </summary>
public sealed class SessionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_token_about_to_expire_is_refreshed_once_however_many_callers_want_it()
    {
        var endpoint = new ScriptedTokenEndpoint(_ => Tokens("access-2", "refresh-2"));
        var sessions = Store(endpoint);
        var id = sessions.Start(new IssuedTokens("access-1", 900, "refresh-1"), TokenEndpoints.Gateway);
        Assert.Equal("access-1", await sessions.GetAccessTokenAsync(id, CancellationToken.None));

        _time.Advance(TimeSpan.FromMinutes(14.5)); // inside the minute before expiry
        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sessions.GetAccessTokenAsync(id, CancellationToken.None)));
        Assert.All(tokens, t => Assert.Equal("access-2", t));
        Assert.Equal(["grant_type=refresh_token&refresh_token=refresh-1"], endpoint.Bodies);
    }

    [Fact]
    public async Task A_refused_refresh_ends_the_session_and_an_unreachable_gateway_does_not()
    {
        var refuse = false;
        var endpoint = new ScriptedTokenEndpoint(_ => refuse
            ? new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("""{"title":"Invalid credentials","status":401}""", Encoding.UTF8, "application/problem+json") }
            : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var sessions = Store(endpoint);
        var id = sessions.Start(new IssuedTokens("access-1", 900, "refresh-1"), TokenEndpoints.Gateway);
        _time.Advance(TimeSpan.FromMinutes(14.5));

        Assert.Equal("access-1", await sessions.GetAccessTokenAsync(id, CancellationToken.None)); // still valid for 30 s
        Assert.True(sessions.IsActive(id));

        refuse = true;
        Assert.Null(await sessions.GetAccessTokenAsync(id, CancellationToken.None));
        Assert.False(sessions.IsActive(id));
    }

    [Fact]
    public async Task Signing_out_revokes_the_refresh_token_and_forgets_the_session()
    {
        var endpoint = new ScriptedTokenEndpoint(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var sessions = Store(endpoint);
        var id = sessions.Start(new IssuedTokens("access-1", 900, "refresh-1"), TokenEndpoints.Gateway);
        await sessions.EndAsync(id, CancellationToken.None);
        Assert.False(sessions.IsActive(id));
        Assert.Null(await sessions.GetAccessTokenAsync(id, CancellationToken.None));
        Assert.Equal("/auth/revoke", endpoint.Paths.Single());
        Assert.Contains("refresh_token=refresh-1", endpoint.Bodies.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_ends_with_its_lifetime_even_with_a_valid_token()
    {
        var sessions = Store(new ScriptedTokenEndpoint(_ => Tokens("a", "r")));
        var id = sessions.Start(new IssuedTokens("access-1", 86_400, null), TokenEndpoints.Gateway);
        _time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));
        Assert.False(sessions.IsActive(id));
    }

    [Theory]
    [InlineData("http://localhost:5180", "https+http://gateway", "ws://localhost:5180/v1/stream/risk?portfolio=p")]
    [InlineData("https://gw.example:443", "https+http://gateway", "wss://gw.example/v1/stream/risk?portfolio=p")]
    public void The_gateways_websocket_address_follows_the_resolved_endpoints_scheme(string endpoint, string name, string expected) =>
        Assert.Equal(expected, GatewayWebSocketAddress.ToWebSocket(new UriEndPoint(new Uri(endpoint)), name, "/v1/stream/risk?portfolio=p").ToString());

    [Fact]
    public void A_bare_host_and_port_is_plain_ws_unless_the_name_asks_for_https_only()
    {
        Assert.Equal("ws://10.0.0.5:8080/x", GatewayWebSocketAddress.ToWebSocket(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 8080), "https+http://gateway", "/x").ToString());
        Assert.Equal("wss://gateway:8443/x", GatewayWebSocketAddress.ToWebSocket(new DnsEndPoint("gateway", 8443, AddressFamily.Unspecified), "https://gateway", "/x").ToString());
    }

    private SessionStore Store(ScriptedTokenEndpoint endpoint) =>
        new(new TokenEndpointClient(new HttpClient(endpoint) { BaseAddress = new Uri("http://gateway.test") }), Options.Create(new WebOptions()), _time, NullLogger<SessionStore>.Instance);

    private static HttpResponseMessage Tokens(string access, string refresh) => new(HttpStatusCode.OK)
    {
        Content = new StringContent($$"""{"access_token":"{{access}}","token_type":"Bearer","expires_in":900,"refresh_token":"{{refresh}}"}""", Encoding.UTF8, "application/json"),
    };

    private sealed class ScriptedTokenEndpoint(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        public List<string> Paths { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Paths.Add(request.RequestUri!.AbsolutePath);
            Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            await Task.Delay(20, cancellationToken); // long enough for concurrent callers to pile up behind the refresh
            return answer(request);
        }
    }
}
