using System.Globalization;
using System.Text;
using Confluent.Kafka;

// Usage:
//   produce BOOTSTRAP TOPIC COUNT          sends keys 0..COUNT-1 with values "message-<n>"
//   consume BOOTSTRAP TOPIC GROUP COUNT    reads until COUNT distinct keys, prints "received <n> <sum of keys>"
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: produce BOOTSTRAP TOPIC COUNT | consume BOOTSTRAP TOPIC GROUP COUNT");
    return 2;
}

var (mode, bootstrap, topic) = (args[0], args[1], args[2]);
if (mode == "produce")
{
    var count = int.Parse(args[3], CultureInfo.InvariantCulture);
    using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true }).Build();
    for (var i = 0; i < count; i++)
    {
        producer.Produce(topic, new Message<string, string> { Key = i.ToString(CultureInfo.InvariantCulture), Value = $"message-{i}" });
    }

    var left = producer.Flush(TimeSpan.FromSeconds(30));
    Console.WriteLine($"produced {count - left}");
    return left == 0 ? 0 : 1;
}

if (mode == "consume" && args.Length >= 5)
{
    var expected = int.Parse(args[4], CultureInfo.InvariantCulture);
    using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
    {
        BootstrapServers = bootstrap,
        GroupId = args[3],
        AutoOffsetReset = AutoOffsetReset.Earliest,
    }).Build();
    consumer.Subscribe(topic);
    var keys = new HashSet<long>();
    var deadline = DateTime.UtcNow.AddSeconds(60);
    while (keys.Count < expected && DateTime.UtcNow < deadline)
    {
        var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
        if (result is not null && result.Message.Value == $"message-{result.Message.Key}")
        {
            keys.Add(long.Parse(result.Message.Key, CultureInfo.InvariantCulture));
        }
    }

    consumer.Close();
    Console.WriteLine(new StringBuilder().Append("received ").Append(keys.Count).Append(' ').Append(keys.Sum()).ToString());
    return keys.Count == expected ? 0 : 1;
}

Console.Error.WriteLine($"unknown mode '{mode}'");
return 2;
