using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskRadar.ServiceDefaults.Dependencies;
using StackExchange.Redis;

namespace RiskRadar.ServiceDefaults.Http;

/// <summary>
/// A database or cache that did not answer in time (or refused the connection) is the service being temporarily
/// unavailable, not a server bug: 503 problem details with <c>Retry-After</c>, so clients back off and retry.
/// </summary>
public sealed partial class DependencyUnavailableExceptionHandler(
    IProblemDetailsService problems, IOptions<DependencyOptions> options, ILogger<DependencyUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Dependency(exception) is not { } dependency)
        {
            return false;
        }

        LogUnavailable(exception, dependency, httpContext.Request.Method, httpContext.Request.Path);
        var retryAfter = (int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                Detail = $"The {dependency} this request needs did not answer in time, so the request was not completed. Retry after {retryAfter} s.",
            },
        });
    }

    /// <summary>Which dependency failed ("database", "cache"), or null when the exception is something else.</summary>
    public static string? Dependency(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException server when !server.IsTransient:
                    return null; // The server answered: a constraint, a missing table… is not an outage.
                case NpgsqlException:
                    return "database";
                case RedisServerException:
                    return null; // Redis answered, with an error.
                case RedisTimeoutException or RedisException:
                    return "cache";
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Dependency} did not answer; {Method} {Path} answered 503")]
    private partial void LogUnavailable(Exception exception, string dependency, string method, string path);
}
