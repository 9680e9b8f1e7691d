using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace RiskRadar.ServiceDefaults.Http;

/// <summary>
/// Answers a request the framework could not bind (a query value that is not a number, a body of the wrong shape)
/// with a validation problem that names the parameter or field and says what it must be. The framework's own
/// messages name .NET types and are logged, never sent.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, IOptions<JsonOptions> json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (title, errors) = Explain(httpContext, bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(errors) { Status = bad.StatusCode, Title = title },
        });
    }

    private (string Title, Dictionary<string, string[]> Errors) Explain(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("Request body too large", Errors("$", "The body is larger than this endpoint accepts: send less, or split it."));
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("Unsupported media type", Errors("$", "The body must be JSON (Content-Type: application/json)."));
        }

        const string Invalid = "One or more validation errors occurred.";
        if (bad.InnerException is JsonException jsonError)
        {
            // The handler runs with the endpoint cleared; the feature keeps the one that failed.
            var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
            var contract = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type
                ? json.Value.SerializerOptions.GetTypeInfo(type)
                : null;
            var (field, message) = JsonErrors.Describe(jsonError, contract);
            return (Invalid, Errors(field, message));
        }

        if (Parameter(bad) is { } name)
        {
            if (bad.Message.StartsWith("Required parameter", StringComparison.Ordinal))
            {
                return (Invalid, Errors(name, $"{name} is required."));
            }

            if (bad.Message.StartsWith("Implicit body", StringComparison.Ordinal))
            {
                return (Invalid, Errors("$", "A JSON body is required."));
            }

            return (Invalid, Errors(name, $"{name} must be {Expected(bad)}."));
        }

        return ("Bad request", Errors("$", "The request could not be read: check its body and headers and send it again."));
    }

    private static Dictionary<string, string[]> Errors(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    // The parameter's name as the framework quotes it: Failed to bind parameter "int? limit" from "abc".
    private static string? Parameter(BadHttpRequestException bad) =>
        QuotedParameter().Match(bad.Message) is { Success: true } match ? match.Groups["name"].Value : null;

    // The framework names the parameter's C# type ("int?", "DateTimeOffset?"); query and route values are text, so
    // what they must be is said in words, not in JSON's or .NET's terms.
    private static string Expected(BadHttpRequestException bad) =>
        (QuotedParameter().Match(bad.Message).Groups["type"].Value.TrimEnd('?')) switch
        {
            "double" or "float" or "decimal" or "Double" or "Single" or "Decimal" => "a number",
            "int" or "long" or "short" or "Int32" or "Int64" or "Int16" => "a whole number",
            "DateTimeOffset" or "DateTime" => "an ISO 8601 date and time, e.g. 2026-01-31T14:30:00Z",
            "DateOnly" => "an ISO 8601 date, e.g. 2026-01-31",
            "bool" or "Boolean" => "true or false",
            "Guid" => "a UUID",
            _ => "a valid value",
        };

    [GeneratedRegex("parameter \"(?:Nullable<)?(?<type>[^\" >]*)>? (?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex QuotedParameter();
}
