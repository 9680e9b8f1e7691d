using RiskRadar.Ingestion.Apis;
using RiskRadar.Ingestion.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapPricePushApi();

app.Run();
