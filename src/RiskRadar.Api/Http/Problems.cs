using Microsoft.AspNetCore.Http.HttpResults;

namespace RiskRadar.Api.Http;

/// <summary>The RFC 9457 answers the endpoints share, worded once.</summary>
public static class Problems
{
    /// <summary>Also the answer for another tenant's portfolio: its existence is not disclosed.</summary>
    public static ProblemHttpResult PortfolioNotFound(string portfolioId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Portfolio not found", detail: $"No portfolio '{portfolioId}' in your tenant.");

    public static ProblemHttpResult PreconditionRequired() => TypedResults.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "If-Match required",
        detail: "Send the ETag of the version you edit in If-Match, so a concurrent edit is not overwritten.");

    public static ProblemHttpResult VersionMismatch(long current) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Version changed",
        detail: $"The portfolio was changed meanwhile; its version is now {current}. Read it again and retry.",
        extensions: new Dictionary<string, object?> { ["currentVersion"] = current });

    public static ProblemHttpResult Conflict(string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ValidationProblem Invalid(string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);
}
