using Microsoft.AspNetCore.Http.HttpResults;
using RiskRadar.Gateway.Auth;

namespace RiskRadar.Gateway.Apis;

public static class TokenApi
{
    public const string RateLimitPolicy = "token-endpoint";

    public static RouteGroupBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/auth").WithTags("Authentication");
        api.MapPost("/token", IssueToken)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .WithName("IssueToken")
            .WithSummary("Exchange a username and password for a bearer token");
        return api;
    }

    public static Results<Ok<IssuedToken>, ProblemHttpResult, ValidationProblem> IssueToken(
        TokenRequest? request,
        UserDirectory users,
        TokenIssuer issuer)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.Username))
        {
            errors["username"] = ["The username is required."];
        }

        if (string.IsNullOrEmpty(request?.Password))
        {
            errors["password"] = ["The password is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = users.Authenticate(request!.Username!, request.Password!);
        return user is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials", detail: "The username or password is wrong.")
            : TypedResults.Ok(issuer.Issue(user));
    }
}

public sealed record TokenRequest(string? Username, string? Password);
