using System.Diagnostics;
using Microsoft.Extensions.Options;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Gateway.Audit;

/// <summary>
/// Records every write and every denied request once its outcome is known. Writes only get this far when the audit
/// store is reachable (<see cref="AuditGuardMiddleware"/>); should it fail in the moment between, the record is logged
/// whole at error level, so it still reaches the log pipeline, and the response already produced stands.
/// </summary>
public sealed partial class AuditMiddleware(
    RequestDelegate next,
    AuditLog log,
    AuditHealth health,
    IOptions<TokenValidationOptions> validation,
    TimeProvider time,
    ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch (BadHttpRequestException ex)
        {
            // Thrown through to the exception handler, outside this middleware: record the status it will answer with.
            status = ex.StatusCode;
            throw;
        }
        finally
        {
            if (ShouldAudit(context.Request, status))
            {
                var record = Describe(context, status);
                try
                {
                    await log.AppendAsync(record, CancellationToken.None);
                    health.Succeeded();
                }
                catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    health.Failed();
                    LogAuditWriteFailed(ex, record);
                }
            }
        }
    }

    /// <summary>
    /// Who an anonymous endpoint found the caller to be (the token endpoint, after a successful login), in
    /// <see cref="HttpContext.Items"/>: the record then names the user who logged in.
    /// </summary>
    public const string ActorItem = "audit.actor";

    /// <inheritdoc cref="ActorItem"/>
    public const string TenantItem = "audit.tenant";

    public static bool IsWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    /// <summary>Writes, and denials: unauthenticated, forbidden, throttled, too large, and another tenant's portfolio (404).</summary>
    public static bool ShouldAudit(HttpRequest request, int status) =>
        (IsWrite(request) || IsDenial(request, status)) && !request.Path.StartsWithSegments("/health") && !request.Path.StartsWithSegments("/alive");

    // The Api answers 404 for another tenant's portfolio (never 403, which would confirm it exists), so on portfolio
    // routes a 404 may be a probe across tenants and counts as a denial.
    private static bool IsDenial(HttpRequest request, int status) =>
        status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests
            or StatusCodes.Status413PayloadTooLarge
        || (status == StatusCodes.Status404NotFound && request.Path.StartsWithSegments("/v1/portfolios"));

    private AuditRecord Describe(HttpContext context, int status)
    {
        var user = context.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        var outcome = IsDenial(context.Request, status) ? AuditOutcomes.Denied
            : status >= 400 ? AuditOutcomes.Failed
            : AuditOutcomes.Allowed;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        return new AuditRecord(
            0,
            time.GetUtcNow(),
            authenticated ? user.GetSubject() : context.Items[ActorItem] as string,
            authenticated ? user.FindFirst(validation.Value.TenantClaim)?.Value : context.Items[TenantItem] as string,
            authenticated ? user.FindFirst(RiskRadarClaims.ApiKeyId)?.Value : null,
            context.Request.Method,
            route,
            context.Request.Path.Value ?? "",
            status,
            outcome,
            Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
            context.Connection.RemoteIpAddress?.ToString());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit record {Record}")]
    private partial void LogAuditWriteFailed(Exception exception, AuditRecord record);
}
