using System.Diagnostics;

namespace RiskRadar.Gateway.Security;

/// <summary>
/// What every response of the gateway carries: security headers and the trace id as <c>X-Correlation-Id</c>. First
/// in the pipeline, and applied as the response starts, so error responses (whose headers the exception handler
/// clears) and proxied ones (whose upstream might send other values) carry them too.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var traceId = Activity.Current?.TraceId.ToString();
        context.Response.OnStarting(() =>
        {
            AddHeaders(context, traceId);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static void AddHeaders(HttpContext context, string? traceId)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // JSON only: nothing of ours is ever rendered as a page (the Api's documentation UI is reached on the Api itself).
        headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        if (context.Request.Path.StartsWithSegments("/auth"))
        {
            // Tokens and keys must not be kept by any cache on the way.
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }

        if (traceId is not null)
        {
            headers["X-Correlation-Id"] = traceId;
        }
    }
}
