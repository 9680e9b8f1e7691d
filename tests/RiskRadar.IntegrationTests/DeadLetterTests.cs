using System.Text;
using Confluent.Kafka;
using RiskRadar.Contracts.Topics;

namespace RiskRadar.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class DeadLetterTests(LocalStackFixture stack)
{
    [Fact]
    public async Task A_tick_that_is_not_valid_json_lands_in_the_dead_letter_topic_with_a_reason()
    {
        var bootstrap = await stack.KafkaBootstrapAsync();
        var key = $"POISON.{Guid.NewGuid():N}";
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            await producer.ProduceAsync(KafkaTopics.MarketPrices, new Message<string, string> { Key = key, Value = "{not json" });
        }

        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"it-dlq-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(KafkaTopics.MarketPricesDeadLetter);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        ConsumeResult<string, byte[]>? found = null;
        while (found is null && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result?.Message.Key == key)
            {
                found = result;
            }
        }

        consumer.Close();
        Assert.NotNull(found);
        Assert.Equal("{not json", Encoding.UTF8.GetString(found.Message.Value));
        Assert.True(found.Message.Headers.TryGetLastBytes(KafkaTopics.DeadLetterReasonHeader, out var reason));
        Assert.StartsWith("deserialization:", Encoding.UTF8.GetString(reason), StringComparison.Ordinal);
        Assert.True(found.Message.Headers.TryGetLastBytes("dlq.source.topic", out var source));
        Assert.Equal(KafkaTopics.MarketPrices, Encoding.UTF8.GetString(source));

        // The topology kept running past the poison record.
        Assert.True(stack.App.ResourceNotifications.TryGetCurrentState("stream-processor", out var state));
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state.Snapshot.HealthStatus);
    }
}
