using RiskRadar.DevBroker;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddOptions<DevBrokerOptions>()
    .Bind(builder.Configuration.GetSection(DevBrokerOptions.SectionName))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton<DevBrokerHost>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<DevBrokerHost>());
builder.Services.AddHealthChecks().AddCheck<DevBrokerHealthCheck>("mock-cluster");

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGet("/topics", (DevBrokerHost host) => host.Topics);

app.Run();
