using RiskRadar.Api.Apis;
using RiskRadar.Api.Extensions;
using RiskRadar.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseProblemDetailsDefaults();
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
app.MapMarketApi();
app.MapHistoryApi();

app.Run();
