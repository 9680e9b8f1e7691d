using RiskRadar.Gateway.Apis;
using RiskRadar.Gateway.Audit;
using RiskRadar.Gateway.Extensions;
using RiskRadar.Gateway.Security;
using RiskRadar.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseProblemDetailsDefaults();
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
