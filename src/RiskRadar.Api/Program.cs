using RiskRadar.Api.Apis;
using RiskRadar.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

// A body over the size limit or cut short is the client's error (413/400), not the server's (500).
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseWebSockets();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapApiDocumentation();
app.MapPortfoliosApi();
app.MapRiskApi();
app.MapLiveRiskApi();
app.MapAlertsApi();
app.MapAnalysisApi();
app.MapInstrumentsApi();

app.Run();
