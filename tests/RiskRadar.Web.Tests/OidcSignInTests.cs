using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RiskRadar.Web.Tests;

/// <summary>
/// Sign-in at an OIDC authority (code flow with PKCE) ends in the same server-side session a local sign-in makes:
/// the dashboard's cookie carries the claims of the authority's access token, never a token.
/// </summary>
public sealed partial class OidcSignInTests : IAsyncLifetime
{
    private OidcAuthority _authority = null!;
    private WebApplicationFactory<Program> _web = null!;

    public async Task InitializeAsync()
    {
        _authority = await OidcAuthority.StartAsync();
        _web = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Development") // the authority is plain http on loopback
            .UseSetting("Auth:Authority", _authority.Address.ToString().TrimEnd('/'))
            .UseSetting("Auth:ClientId", "riskradar-web")
            .UseSetting("Web:Gateway", "http://gateway.invalid"));
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task A_person_signs_in_at_the_authority_and_lands_where_they_were_going_with_its_claims()
    {
        // https, as a deployment is: the handler's correlation and nonce cookies are Secure.
        using var browser = _web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        using var authorityClient = new HttpClient();

        var login = await browser.GetStringAsync("/login");
        Assert.Contains("Sign in with your organisation", login, StringComparison.Ordinal);

        var challenge = await browser.GetAsync("/account/login-oidc?returnUrl=%2Falerts");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(_authority.Address.ToString(), authorize.ToString(), StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", authorize.Query, StringComparison.Ordinal);

        // The authority approves and posts the code back to the dashboard.
        var form = await authorityClient.GetStringAsync(authorize);
        var action = FormAction().Match(form).Groups[1].Value;
        var fields = FormField().Matches(form).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var callback = await browser.PostAsync(new Uri(WebUtility.HtmlDecode(action)).PathAndQuery, new FormUrlEncodedContent(fields));
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, $"{callback.StatusCode}: {await callback.Content.ReadAsStringAsync()}");
        Assert.Equal("/alerts", callback.Headers.Location!.OriginalString);
        Assert.Equal(["authorization_code"], _authority.TokenGrants);

        // The cookie is a session, not the tokens: it opens the dashboard, and holds nothing the authority issued.
        var cookies = string.Join(";", callback.Headers.GetValues("Set-Cookie"));
        Assert.Contains("riskradar.session=", cookies, StringComparison.Ordinal);
        var page = await browser.GetAsync("/alerts");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // No token the authority issued is in any cookie, whole or in part (a distinctive stretch of each: its
        // signature, or the refresh token's random part). Not "no eyJ": the encrypted cookie holds that by chance.
        Assert.Equal(3, _authority.Issued.Count);
        Assert.All(_authority.Issued, token => Assert.DoesNotContain(token.Split('.')[^1][..20], cookies, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_authority_there_is_no_organisation_sign_in()
    {
        await using var local = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host.UseSetting("Web:Gateway", "http://gateway.invalid"));
        using var browser = local.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.DoesNotContain("Sign in with your organisation", await browser.GetStringAsync("/login"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/account/login-oidc")).StatusCode);
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex FormField();
}
