using Microsoft.Extensions.DependencyInjection;

namespace RiskRadar.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class StackStartupTests(LocalStackFixture stack)
{
    [Fact]
    public void Every_resource_is_healthy_in_local_mode()
    {
        foreach (var name in LocalStackFixture.Resources)
        {
            Assert.True(stack.App.ResourceNotifications.TryGetCurrentState(name, out var state), $"{name} has no state");
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state.Snapshot.HealthStatus);
        }
    }

    [Fact]
    public void Local_mode_runs_no_container()
    {
        // Without a container engine a container resource never gets healthy and blocks its dependants.
        var model = stack.App.Services.GetRequiredService<DistributedApplicationModel>();
        Assert.Empty(model.Resources.OfType<ContainerResource>());
    }
}
