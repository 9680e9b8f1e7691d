using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace RiskRadar.Gateway.Security;

/// <summary>
/// What every response of the gateway carries (security headers, the trace id as <c>X-Correlation-Id</c>) and the
/// body-size limit, checked up front from Content-Length so an oversized upload is refused with 413 before it is read.
/// </summary>
public sealed class EdgeMiddleware(RequestDelegate next, IOptionsMonitor<GatewayOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var response = context.Response;
        var headers = response.Headers;
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
            headers.CacheControl = "no-store";
        }

        if (Activity.Current is { } activity)
        {
            headers["X-Correlation-Id"] = activity.TraceId.ToString();
        }

        var limit = options.CurrentValue.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // A chunked body has no Content-Length: Kestrel stops it at the same limit while it is read.
            bodySize.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request too large",
                    Detail = $"The body may be at most {limit} bytes.",
                },
            });
            return;
        }

        await next(context);
    }
}
