using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using RiskRadar.Contracts.Topics;

namespace RiskRadar.Gateway.Tests;

/// <summary>Reads <c>audit.events</c> from the beginning for the whole run, indexing records by correlation id.</summary>
public sealed class AuditTail : IDisposable
{
    private readonly ConcurrentDictionary<string, JsonNode> _records = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public AuditTail(string bootstrapServers)
    {
        _thread = new Thread(() => Run(bootstrapServers)) { IsBackground = true, Name = "audit-tail" };
        _thread.Start();
    }

    public async Task<JsonNode> WaitForAsync(string correlationId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!_records.ContainsKey(correlationId))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No record with correlation id {correlationId} on {KafkaTopics.AuditEvents}.");
            await Task.Delay(100);
        }

        return _records[correlationId];
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private void Run(string bootstrapServers)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "gateway-tests-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        // Assigned rather than subscribed: no consumer-group join, so no rebalance wait on the development broker.
        consumer.Assign(new TopicPartitionOffset(KafkaTopics.AuditEvents, 0, Offset.Beginning));
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message }
                    && JsonNode.Parse(message.Value) is { } record
                    && record["correlationId"]?.GetValue<string>() is { } correlation)
                {
                    _records[correlation] = record;
                }
            }
            catch (ConsumeException)
            {
                // The broker may not have the topic's leader ready at the very start; keep polling.
            }
        }

        consumer.Close();
    }
}
