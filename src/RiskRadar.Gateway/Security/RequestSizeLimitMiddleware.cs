using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace RiskRadar.Gateway.Security;

/// <summary>
/// The body-size limit: checked up front from Content-Length, so an oversized upload is refused with 413 before it is
/// read (and before it reaches the Api); a chunked body is stopped by Kestrel at the same limit as it streams.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptionsMonitor<GatewayOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.CurrentValue.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
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
