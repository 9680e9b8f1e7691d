using System.Net;
using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Topics;

namespace RiskRadar.DevBroker;

/// <summary>
/// Owns the mock cluster for the life of the process: starts it, creates the catalog's topics,
/// opens the bootstrap forwarder and announces the bootstrap servers on standard output.
/// </summary>
public sealed class DevBrokerHost(
    IOptions<DevBrokerOptions> options,
    BootstrapForwarder forwarder,
    ILogger<DevBrokerHost> logger) : IHostedService, IDisposable
{
    /// <summary>Prefix of the line on standard output that tells scripts and tests where to connect.</summary>
    public const string BootstrapAnnouncement = "BOOTSTRAP_SERVERS=";

    private MockKafkaCluster? _cluster;

    /// <summary>What clients should put in bootstrap.servers; null until started.</summary>
    public string? BootstrapServers { get; private set; }

    public IReadOnlyList<TopicSpec> Topics { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _cluster = MockKafkaCluster.Start(settings.BrokerCount, settings.GroupInitialRebalanceDelay);
        Topics = [.. TopicCatalog.All, .. settings.ExtraTopics.Select(ParseTopic)];
        foreach (var topic in Topics)
        {
            _cluster.CreateTopic(topic);
        }

        BootstrapServers = _cluster.BootstrapServers;
        if (settings.Port != 0)
        {
            var firstBroker = IPEndPoint.Parse(_cluster.BootstrapServers.Split(',')[0]);
            forwarder.Start(settings.Port, firstBroker);
            BootstrapServers = $"127.0.0.1:{forwarder.LocalEndpoint!.Port}";
        }

        logger.LogInformation(
            "Kafka development broker (librdkafka {Version} mock cluster, {BrokerCount} broker(s) at {BrokerAddresses}) serving {TopicCount} topics on {Bootstrap}",
            MockKafkaCluster.LibrdkafkaVersion, settings.BrokerCount, _cluster.BootstrapServers, Topics.Count, BootstrapServers);
        await Console.Out.WriteLineAsync($"{BootstrapAnnouncement}{BootstrapServers}");
        await Console.Out.FlushAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await forwarder.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        _cluster?.Dispose();
        _cluster = null;
    }

    internal static TopicSpec ParseTopic(string spec)
    {
        var parts = spec.Split(':', 2, StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0 || (parts.Length == 2 && (!int.TryParse(parts[1], out var n) || n < 1)))
        {
            throw new OptionsValidationException(DevBrokerOptions.SectionName, typeof(DevBrokerOptions), [$"ExtraTopics entry '{spec}' is not 'name:partitions' with partitions ≥ 1."]);
        }

        return new TopicSpec(parts[0], parts.Length == 2 ? int.Parse(parts[1]) : 1);
    }
}
