using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RiskRadar.Web.Auth;
using RiskRadar.Web.Components.Portfolio;
using RiskRadar.Web.Components.Shared;
using RiskRadar.Web.Gateway;
using RiskRadar.Web.Portfolios;

namespace RiskRadar.Web.Tests;

/// <summary>What the pages offer follows the roles (the gateway still judges every call).</summary>
public sealed class RoleTests : BunitContext
{
    public RoleTests()
    {
        // The editor renders without calling the gateway; it gets a client that would fail if it did.
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        Services.AddSingleton(Options.Create(new WebOptions()));
        Services.AddSingleton(new TokenEndpointClient(new HttpClient { BaseAddress = new Uri("http://gateway.invalid") }));
        Services.AddSingleton<SessionStore>();
        Services.AddSingleton(NullLogger<SessionStore>.Instance);
        Services.AddScoped<CurrentUser>();
        Services.AddScoped(sp => new GatewayClient(new HttpClient { BaseAddress = new Uri("http://gateway.invalid") }, sp.GetRequiredService<CurrentUser>(), NullLogger<GatewayClient>.Instance));
    }

    [Theory]
    [InlineData("viewer", false)]
    [InlineData("analyst", false)]
    [InlineData("risk-manager", true)]
    [InlineData("admin", true)]
    public void Content_for_risk_managers_shows_to_that_role_and_above(string role, bool shown)
    {
        AddAuthorization().SetAuthorized("someone").SetRoles(role);
        var cut = Render<IfRole>(p => p.Add(c => c.AtLeast, "risk-manager").AddChildContent("<button>Edit</button>"));
        Assert.Equal(shown, cut.FindAll("button").Count == 1);
    }

    [Fact]
    public void A_viewer_sees_the_positions_without_inputs_close_buttons_or_the_draft_actions()
    {
        AddAuthorization().SetAuthorized("viewer").SetRoles("viewer");
        var cut = RenderEditor();
        Assert.Equal(2, cut.FindAll("tbody tr").Count);
        Assert.Empty(cut.FindAll("input"));
        Assert.Empty(cut.FindAll("button"));
        Assert.Contains("250,000", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_risk_manager_edits_each_quantity_closes_and_adds()
    {
        AddAuthorization().SetAuthorized("rm").SetRoles("risk-manager");
        var cut = RenderEditor();
        Assert.Equal(2, cut.FindAll("input.qty").Count);
        Assert.Equal(2, cut.FindAll("button:contains('Close')").Count);
        Assert.Single(cut.FindAll("#add-instrument"));
        Assert.Single(cut.FindAll("button:contains('Save changes')"));
    }

    [Fact]
    public void Without_a_role_nothing_is_offered()
    {
        AddAuthorization().SetAuthorized("nobody");
        var cut = Render<IfRole>(p => p.Add(c => c.AtLeast, "viewer").AddChildContent("<a>x</a>"));
        Assert.Empty(cut.FindAll("a"));
    }

    [Fact]
    public void Roles_are_compared_by_rank_not_by_name()
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "admin")], "test"));
        Assert.True(CurrentUser.HasAtLeast(admin, "viewer"));
        var viewer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "viewer")], "test"));
        Assert.False(CurrentUser.HasAtLeast(viewer, "analyst"));
    }

    private IRenderedComponent<PositionsEditor> RenderEditor()
    {
        var draft = new PositionDraft();
        draft.Load([new PositionDto("FX.EURUSD", 250_000, DateTimeOffset.UnixEpoch), new PositionDto("EQ.AAPL", 100, DateTimeOffset.UnixEpoch)]);
        return Render<PositionsEditor>(p => p
            .Add(c => c.PortfolioId, "p1")
            .Add(c => c.BaseCurrency, "USD")
            .Add(c => c.Draft, draft)
            .Add(c => c.Saved, EventCallback.Empty));
    }
}
