using RiskRadar.Ingestion.Apis;
using RiskRadar.Ingestion.Extensions;
using RiskRadar.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseProblemDetailsDefaults();
app.MapDefaultEndpoints();
app.MapPricePushApi();

app.Run();
