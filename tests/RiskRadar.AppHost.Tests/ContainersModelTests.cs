using Microsoft.Extensions.DependencyInjection;

namespace RiskRadar.AppHost.Tests;

/// <summary>
/// The model production runs: Kafka, TimescaleDB and Redis containers, every service wired to all three.
/// Only the model is built here; nothing starts (this machine has no container engine).
/// </summary>
public sealed class ContainersModelTests
{
    private static readonly string[] Services = ["ingestion", "stream-processor", "api", "gateway"];

    [Fact]
    public async Task Infrastructure_is_three_containers()
    {
        var model = await BuildModelAsync("Containers");

        var kafka = Single<ContainerResource>(model, "kafka-broker");
        Assert.Equal("apache/kafka", kafka.Annotations.OfType<ContainerImageAnnotation>().Single().Image);

        var postgres = Single<ContainerResource>(model, "postgres");
        Assert.Equal("timescale/timescaledb", postgres.Annotations.OfType<ContainerImageAnnotation>().Single().Image);

        var cache = Single<ContainerResource>(model, "cache");
        Assert.Contains("redis", cache.Annotations.OfType<ContainerImageAnnotation>().Single().Image, StringComparison.Ordinal);

        // Aspire adds '<project>-rebuilder' executables of its own; no server may run as an executable here.
        Assert.DoesNotContain(model.Resources, r => r.Name is "redis" || (r is ExecutableResource && r.Name == "postgres"));
    }

    [Fact]
    public async Task Every_service_gets_the_three_connection_strings_and_waits_for_the_servers()
    {
        var model = await BuildModelAsync("Containers");

        foreach (var name in Services)
        {
            var service = Single<ProjectResource>(model, name);
            var references = service.Annotations.OfType<ResourceRelationshipAnnotation>()
                .Where(a => a.Type == "Reference")
                .Select(a => a.Resource)
                .ToList();
            foreach (var connection in new[] { "kafka", "timeseries", "cache" })
            {
                Assert.Contains(references, r => r.Name == connection && r is IResourceWithConnectionString);
            }

            var waitsFor = service.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).ToHashSet();
            Assert.Superset(new HashSet<string> { "kafka-broker", "timeseries", "cache" }, waitsFor);
        }
    }

    [Fact]
    public async Task Timeseries_is_a_database_on_the_timescale_server()
    {
        var model = await BuildModelAsync("Containers");

        var timeseries = model.Resources.Single(r => r.Name == "timeseries");
        var parent = Assert.IsAssignableFrom<IResourceWithParent>(timeseries).Parent;
        Assert.Equal("postgres", parent.Name);
    }

    [Fact]
    public async Task Local_mode_has_no_container_and_the_same_connection_names()
    {
        var model = await BuildModelAsync("Local");

        Assert.Empty(model.Resources.OfType<ContainerResource>());
        Assert.Equal("bash", Single<ExecutableResource>(model, "postgres").Command);
        Assert.Equal("bash", Single<ExecutableResource>(model, "redis").Command);
        Single<ProjectResource>(model, "kafka-broker");
        foreach (var name in new[] { "kafka", "timeseries", "cache" })
        {
            Assert.IsAssignableFrom<IResourceWithConnectionString>(model.Resources.Single(r => r.Name == name));
        }
    }

    [Fact]
    public async Task The_stream_processor_runs_as_many_replicas_as_configured_up_to_the_partitions()
    {
        Assert.Equal(1, Single<ProjectResource>(await BuildModelAsync("Local"), "stream-processor").Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
        var scaled = await BuildModelAsync("Local", "--RiskRadar:StreamProcessorReplicas=3");
        Assert.Equal(3, Single<ProjectResource>(scaled, "stream-processor").Annotations.OfType<ReplicaAnnotation>().Single().Replicas);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => BuildModelAsync("Local", "--RiskRadar:StreamProcessorReplicas=7"));
        Assert.Contains("use 1 to 6", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<DistributedApplicationModel> BuildModelAsync(string mode, params string[] more)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RiskRadar_AppHost>(
        [
            $"--RiskRadar:Infrastructure={mode}",
            "--Parameters:dev-password=model-test",
            "--Parameters:jwt-signing-key=model-test-signing-key-model-test-signing-key",
            "--Parameters:postgres-password=model-test",
            "--Parameters:redis-password=model-test",
            .. more,
        ]);
        var app = await builder.BuildAsync();
        return app.Services.GetRequiredService<DistributedApplicationModel>();
    }

    private static T Single<T>(DistributedApplicationModel model, string name) where T : IResource =>
        Assert.IsAssignableFrom<T>(model.Resources.Single(r => r.Name == name));
}
