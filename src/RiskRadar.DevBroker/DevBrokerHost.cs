using System.Net;
using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Topics;
using RiskRadar.DevBroker.Protocol;

namespace RiskRadar.DevBroker;

/// <summary>
/// Owns the mock cluster for the life of the process: starts it, creates the catalog's topics, puts a
/// transactional proxy in front of every broker (metadata advertises the proxies) and announces the
/// bootstrap servers on standard output.
/// </summary>
public sealed class DevBrokerHost(
    IOptions<DevBrokerOptions> options,
    ILogger<DevBrokerHost> logger) : IHostedService, IDisposable
{
    /// <summary>Prefix of the line on standard output that tells scripts and tests where to connect.</summary>
    public const string BootstrapAnnouncement = "BOOTSTRAP_SERVERS=";

    private readonly List<TransactionalProxy> _proxies = [];
    private MockKafkaCluster? _cluster;
    private MockTransactionCoordinator? _coordinator;

    /// <summary>What clients should put in bootstrap.servers; null until started.</summary>
    public string? BootstrapServers { get; private set; }

    public IReadOnlyList<TopicSpec> Topics { get; private set; } = [];

    public TransactionLedger Ledger { get; } = new(logger);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _cluster = MockKafkaCluster.Start(settings.BrokerCount, settings.GroupInitialRebalanceDelay);
        Topics = [.. TopicCatalog.All, .. settings.ExtraTopics.Select(ParseTopic)];
        foreach (var topic in Topics)
        {
            _cluster.CreateTopic(topic);
        }

        var brokers = _cluster.BootstrapServers.Split(',').Select(IPEndPoint.Parse).ToList();
        _coordinator = new MockTransactionCoordinator(brokers, logger);
        for (var i = 0; i < brokers.Count; i++)
        {
            // Broker 1's proxy takes the configured port, the stable address the AppHost hands to services.
            var proxy = new TransactionalProxy(i == 0 ? settings.Port : 0, brokers[i], Ledger, _coordinator, logger);
            _proxies.Add(proxy);
            _cluster.Advertise(i + 1, "127.0.0.1", proxy.Port);
        }

        BootstrapServers = string.Join(',', _proxies.Select(p => $"127.0.0.1:{p.Port}"));
        logger.LogInformation(
            "Kafka development broker (librdkafka {Version} mock cluster, {BrokerCount} broker(s) at {BrokerAddresses}) serving {TopicCount} topics on {Bootstrap}",
            MockKafkaCluster.LibrdkafkaVersion, settings.BrokerCount, _cluster.BootstrapServers, Topics.Count, BootstrapServers);
        await Console.Out.WriteLineAsync($"{BootstrapAnnouncement}{BootstrapServers}");
        await Console.Out.FlushAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }

        _proxies.Clear();
        Dispose();
    }

    public void Dispose()
    {
        _coordinator?.Dispose();
        _coordinator = null;
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
