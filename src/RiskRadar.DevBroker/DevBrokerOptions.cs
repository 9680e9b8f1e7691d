using System.ComponentModel.DataAnnotations;

namespace RiskRadar.DevBroker;

/// <summary>Settings of the development broker, bound from the <c>DevBroker</c> section.</summary>
public sealed class DevBrokerOptions
{
    public const string SectionName = "DevBroker";

    /// <summary>
    /// Stable bootstrap port on 127.0.0.1 (the AppHost assigns it). The mock brokers listen on ephemeral ports;
    /// this port forwards to them, and clients then reach the brokers at the addresses metadata advertises.
    /// 0 means no forwarder: clients bootstrap from the brokers' own addresses.
    /// </summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    [Range(1, 9)]
    public int BrokerCount { get; set; } = 1;

    /// <summary>Kafka's group.initial.rebalance.delay.ms; short here so tests and restarts rebalance quickly.</summary>
    public TimeSpan GroupInitialRebalanceDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Topics to create in addition to the platform's catalog, as <c>name:partitions</c>.</summary>
    public List<string> ExtraTopics { get; set; } = [];
}
