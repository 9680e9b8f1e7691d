using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RiskRadar.Web.Gateway;

namespace RiskRadar.Web.Auth;

/// <summary>
/// Signed-in sessions, server-side: the browser's cookie holds a session id and the user's claims, never a token.
/// Each session's access token is refreshed before it expires, one refresh at a time (a refresh token is used once:
/// two circuits refreshing with the same token would end the login). In memory, so a restart of the dashboard signs
/// everyone out; several replicas need sticky sessions anyway, as Blazor Server's circuits do.
/// </summary>
public sealed class SessionStore(TokenEndpointClient tokens, IOptions<WebOptions> options, TimeProvider time, ILogger<SessionStore> logger)
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public string Start(IssuedTokens issued, TokenEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(issued);
        RemoveExpired();
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        _sessions[id] = new Session(endpoints, now + options.Value.SessionLifetime) { Tokens = issued, IssuedAt = now };
        return id;
    }

    public bool IsActive(string sessionId) => _sessions.TryGetValue(sessionId, out var session) && session.EndsAt > time.GetUtcNow();

    /// <summary>A valid access token of the session, refreshed first when it is about to expire; null when the session has ended.</summary>
    public async Task<string?> GetAccessTokenAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(sessionId, out var session) || session.EndsAt <= time.GetUtcNow())
        {
            return null;
        }

        if (!session.NeedsRefresh(time.GetUtcNow(), options.Value.RefreshBefore))
        {
            return session.Tokens.AccessToken;
        }

        await session.Lock.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (!session.NeedsRefresh(time.GetUtcNow(), options.Value.RefreshBefore))
            {
                return session.Tokens.AccessToken;
            }

            if (session.Tokens.RefreshToken is not { } refreshToken)
            {
                return session.ExpiresAt > time.GetUtcNow() ? session.Tokens.AccessToken : End(sessionId);
            }

            var refreshed = await tokens.RefreshAsync(session.Endpoints, refreshToken, cancellationToken);
            if (!refreshed.Ok)
            {
                // Revoked, expired or already used: the login is over. A gateway that is briefly unreachable is not the
                // user's fault, so the still-valid access token serves until it expires.
                if (refreshed.Problem.Status is 400 or 401)
                {
                    logger.LogInformation("A session ended: its refresh was refused ({Title})", refreshed.Problem.Title);
                    return End(sessionId);
                }

                return session.ExpiresAt > time.GetUtcNow() ? session.Tokens.AccessToken : null;
            }

            session.Tokens = refreshed.Value;
            session.IssuedAt = time.GetUtcNow();
            return session.Tokens.AccessToken;
        }
        finally
        {
            session.Lock.Release();
        }
    }

    /// <summary>Signs the session out: its refresh token is revoked (every token rotated from the same login with it).</summary>
    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryRemove(sessionId, out var session) || session.Tokens.RefreshToken is not { } refreshToken)
        {
            return;
        }

        try
        {
            if (!await tokens.RevokeAsync(session.Endpoints, refreshToken, cancellationToken))
            {
                logger.LogWarning("Signing out: the refresh token could not be revoked; it expires on its own");
            }
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Signing out: the token endpoint was unreachable; the refresh token expires on its own");
        }
    }

    private string? End(string sessionId)
    {
        _sessions.TryRemove(sessionId, out _);
        return null;
    }

    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in _sessions)
        {
            if (session.EndsAt <= now)
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }

    private sealed class Session(TokenEndpoints endpoints, DateTimeOffset endsAt)
    {
        public TokenEndpoints Endpoints { get; } = endpoints;

        public DateTimeOffset EndsAt { get; } = endsAt;

        public SemaphoreSlim Lock { get; } = new(1, 1);

        public required IssuedTokens Tokens { get; set; }

        public required DateTimeOffset IssuedAt { get; set; }

        public DateTimeOffset ExpiresAt => IssuedAt.AddSeconds(Tokens.ExpiresIn);

        public bool NeedsRefresh(DateTimeOffset now, TimeSpan before) => ExpiresAt - before <= now;
    }
}
