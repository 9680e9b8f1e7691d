using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;
using Microsoft.Extensions.Time.Testing;
using RiskRadar.Web.Auth;
using RiskRadar.Web.Live;

namespace RiskRadar.Web.Tests;

public sealed class LiveRiskFeedTests
{
    [Fact]
    public async Task A_connection_stays_open_while_any_page_watches_its_portfolio()
    {
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddServiceDiscovery().BuildServiceProvider();
        var options = Options.Create(new WebOptions());
        var sessions = new SessionStore(new TokenEndpointClient(new HttpClient()), options, new FakeTimeProvider(), NullLogger<SessionStore>.Instance);
        // Nobody is signed in, so each connection ends before it opens; which ones the feed keeps is what is tested.
        var user = new CurrentUser(new Anonymous(), sessions);
        await using var feed = new LiveRiskFeed(user, new GatewayWebSocketAddress(services.GetRequiredService<ServiceEndpointResolver>(), options), NullLogger<LiveRiskFeed>.Instance);
        object overview = new(), portfolio = new();

        feed.Watch(overview, ["p1", "p2"]);
        feed.Watch(portfolio, ["p2", "p3"]);
        Assert.Equal(["p1", "p2", "p3"], feed.Watched.Order());

        // The overview went away after the portfolio page came: p2 stays, p1 goes.
        feed.Release(overview);
        Assert.Equal(["p2", "p3"], feed.Watched.Order());

        feed.Watch(portfolio, ["p3"]);
        Assert.Equal(["p3"], feed.Watched);
        feed.Release(portfolio);
        Assert.Empty(feed.Watched);

        // Pages disposed after their circuit's feed change nothing and do not throw.
        feed.Watch(overview, ["p1"]);
        await feed.DisposeAsync();
        feed.Release(overview);
        feed.Watch(portfolio, ["p9"]);
        Assert.Empty(feed.Watched);
    }

    private sealed class Anonymous : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
