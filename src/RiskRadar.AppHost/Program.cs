using Microsoft.Extensions.Configuration;
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

if (builder.ExecutionContext.IsRunMode)
{
    // The local user 'dev' (admin of tenant 'demo'); the gateway only ever sees the hash of its password.
    // Deployments configure their users (and an OIDC authority) instead, so publishing leaves this out.
    var devPassword = builder.AddParameter("dev-password", new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true);
    gateway.WithEnvironment(async context =>
    {
        var password = await devPassword.Resource.GetValueAsync(context.CancellationToken)
            ?? throw new InvalidOperationException("The dev-password parameter has no value.");
        context.EnvironmentVariables["Auth__Users__0__Username"] = "dev";
        context.EnvironmentVariables["Auth__Users__0__Tenant"] = "demo";
        context.EnvironmentVariables["Auth__Users__0__Roles__0"] = "admin";
        context.EnvironmentVariables["Auth__Users__0__PasswordHash"] = PasswordHash.Create(password);
    });
}

builder.Build().Run();
