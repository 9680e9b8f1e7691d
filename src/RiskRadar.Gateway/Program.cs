using RiskRadar.Gateway.Apis;
using RiskRadar.Gateway.Audit;
using RiskRadar.Gateway.Extensions;
using RiskRadar.Gateway.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseMiddleware<SecurityHeadersMiddleware>();
// A body over the size limit or cut short is the client's error (413/400), not the server's (500).
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseCors(ApplicationServiceExtensions.CorsPolicy);
app.UseAuthentication();
// Outside everything that can deny a request, so each denial below is recorded with who asked.
app.UseMiddleware<AuditMiddleware>();
app.UseMiddleware<RequestSizeLimitMiddleware>();
app.UseAuthorization();
app.UseRateLimiter();
app.UseMiddleware<AuditGuardMiddleware>();

app.MapDefaultEndpoints();
app.MapTokenApi();
app.MapApiKeysApi();
app.MapAuditApi();
app.MapReverseProxy();

app.Run();
