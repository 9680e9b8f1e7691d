using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RiskRadar.AppHost.Infrastructure;
using RiskRadar.Contracts.Security;
using RiskRadar.Contracts.Topics;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddRiskRadarInfrastructure();

var signingKey = builder.AddParameter("jwt-signing-key", new GenerateParameterDefault { MinLength = 64, Special = false }, secret: true, persist: true);

builder.AddProject<Projects.RiskRadar_Ingestion>("ingestion")
    .WithInfrastructure(infrastructure)
    .WithHttpHealthCheck("/health");

// More replicas are more members of the topology's consumer group: the partitions (TopicCatalog.InputPartitions)
// and so the instrument and book tasks are shared among them; more replicas than partitions would sit idle.
var streamProcessorReplicas = builder.Configuration.GetValue("RiskRadar:StreamProcessorReplicas", 1);
if (streamProcessorReplicas < 1 || streamProcessorReplicas > TopicCatalog.InputPartitions)
{
    throw new InvalidOperationException(
        $"RiskRadar:StreamProcessorReplicas is {streamProcessorReplicas}; use 1 to {TopicCatalog.InputPartitions} (the topics' partitions).");
}

builder.AddProject<Projects.RiskRadar_StreamProcessor>("stream-processor")
    .WithInfrastructure(infrastructure)
    .WithReplicas(streamProcessorReplicas)
    .WithHttpHealthCheck("/health");

// The Api validates the same tokens as the gateway (defence in depth: it enforces roles and tenants itself).
var api = builder.AddProject<Projects.RiskRadar_Api>("api")
    .WithInfrastructure(infrastructure)
    .WithEnvironment("Auth__SigningKey", signingKey)
    .WithHttpHealthCheck("/health");

var gateway = builder.AddProject<Projects.RiskRadar_Gateway>("gateway")
    .WithInfrastructure(infrastructure)
    .WithReference(api)
    .WaitFor(api)
    .WithEnvironment("Auth__SigningKey", signingKey)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

// The risk managers' dashboard: a client of the gateway like any other (never of a database or Kafka).
var web = builder.AddProject<Projects.RiskRadar_Web>("web")
    .WithReference(gateway)
    .WaitFor(gateway)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithUrlForEndpoint("http", url => url.DisplayText = "RiskRadar dashboard");

if (builder.ExecutionContext.IsRunMode)
{
    // Local users of tenant 'demo': 'dev' (admin) and 'viewer' (read only); the gateway only ever sees the hashes of
    // their passwords. Deployments configure their users (and an OIDC authority) instead, so publishing leaves this out.
    var devPassword = builder.AddParameter("dev-password", new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true);
    var viewerPassword = builder.AddParameter("viewer-password", new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true);
    gateway.WithEnvironment(async context =>
    {
        LocalUser(context, 0, "dev", "admin", await ValueOfAsync(devPassword, context.CancellationToken));
        LocalUser(context, 1, "viewer", "viewer", await ValueOfAsync(viewerPassword, context.CancellationToken));
    });

    web.OnResourceReady((resource, ready, _) =>
    {
        ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RiskRadar").LogInformation(
            "RiskRadar dashboard: {Url} (sign in as dev; its password: dotnet user-secrets list --project src/RiskRadar.AppHost)",
            resource.GetEndpoint("http").Url);
        return Task.CompletedTask;
    });
}

builder.Build().Run();

static async Task<string> ValueOfAsync(IResourceBuilder<ParameterResource> parameter, CancellationToken cancellationToken) =>
    await parameter.Resource.GetValueAsync(cancellationToken)
        ?? throw new InvalidOperationException($"The {parameter.Resource.Name} parameter has no value.");

static void LocalUser(EnvironmentCallbackContext context, int index, string username, string role, string password)
{
    context.EnvironmentVariables[$"Auth__Users__{index}__Username"] = username;
    context.EnvironmentVariables[$"Auth__Users__{index}__Tenant"] = "demo";
    context.EnvironmentVariables[$"Auth__Users__{index}__Roles__0"] = role;
    context.EnvironmentVariables[$"Auth__Users__{index}__PasswordHash"] = PasswordHash.Create(password);
}
