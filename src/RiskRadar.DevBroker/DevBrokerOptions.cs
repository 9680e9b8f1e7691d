using System.ComponentModel.DataAnnotations;

namespace RiskRadar.DevBroker;

/// <summary>Settings of the development broker, bound from the <c>DevBroker</c> section.</summary>
public sealed class DevBrokerOptions
{
    public const string SectionName = "DevBroker";

    /// <summary>
    /// Stable bootstrap port on 127.0.0.1 (the AppHost assigns it): broker 1's proxy listens here.
    /// The mock brokers themselves can only bind ephemeral ports. 0 picks a free port.
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
