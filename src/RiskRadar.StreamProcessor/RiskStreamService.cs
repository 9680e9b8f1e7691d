using Microsoft.Extensions.Options;
using RiskRadar.Analytics.Scenarios;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Topics;
using RiskRadar.ServiceDefaults.Kafka;
using RiskRadar.StreamProcessor.ExactlyOnce;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Pipeline.Instruments;
using RiskRadar.StreamProcessor.Pipeline.Live;
using RiskRadar.StreamProcessor.Pipeline.Screening;
using RiskRadar.StreamProcessor.Serdes;
using RiskRadar.StreamProcessor.Sinks;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Errors;
using Streamiz.Kafka.Net.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace RiskRadar.StreamProcessor;

/// <summary>Runs the Streamiz topology for the life of the service.</summary>
public sealed class RiskStreamService(
    KafkaClientFactory kafka,
    IOptions<StreamProcessorOptions> options,
    IOptions<PipelineOptions> pipeline,
    ILatestPriceSink latestPrices,
    IProvisionalRiskSink provisional,
    ILiveBooks live,
    ICurrentScenarioSet scenarioSets,
    DeadLetterPublisher deadLetters,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<RiskStreamService>();
    private KafkaStream? _stream;
    private StateSlot? _slot;
    private volatile KafkaStream.State? _state;

    /// <summary>The topology's state, for the health check; null before start.</summary>
    public KafkaStream.State? State => _state;

    /// <param name="clock">The clock of stall timeouts and computation times; the system's unless a test drives it.</param>
    /// <param name="provisional">Where provisional figures go; dropped unless given.</param>
    /// <param name="live">The watched books, whose figures the live value engine moves with every tick; none unless given.</param>
    public static Streamiz.Kafka.Net.Stream.Topology BuildTopology(
        ILatestPriceSink latestPrices, PipelineOptions pipeline, ICurrentScenarioSet scenarioSets,
        TimeProvider? clock = null, IProvisionalRiskSink? provisional = null, ILiveBooks? live = null)
    {
        var builder = new StreamBuilder();
        var ticks = InputScreening.Screen<PriceTick, PriceTickJsonSerDes>(
            builder.Stream<string, PriceTick, StringSerDes, PriceTickSerDes>(KafkaTopics.MarketPrices, "market-prices-source"),
            InputRules.Tick,
            KafkaTopics.MarketPricesDeadLetter,
            "ticks");
        RiskPipelineTopology.Add(
            builder, ticks, latestPrices, pipeline, scenarioSets, clock ?? TimeProvider.System, provisional ?? IProvisionalRiskSink.None, live ?? ILiveBooks.None);
        return builder.Build();
    }

    /// <param name="stateDirectory">This process's slot of the state directory (<see cref="StateSlot"/>).</param>
    internal StreamConfig<StringSerDes, StringSerDes> CreateConfig(string stateDirectory)
    {
        var settings = options.Value;
        var config = new StreamConfig<StringSerDes, StringSerDes>
        {
            ApplicationId = TopicCatalog.StreamApplicationId,
            ClientId = "stream-processor",
            BootstrapServers = kafka.BootstrapServers,
            Guarantee = settings.Guarantee,
            NumStreamThreads = settings.StreamThreads,
            StateDir = stateDirectory,
            AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
            // Streamiz's default keeps a record in its source partition number even after a re-key; the pipeline
            // re-keys (positions by instrument, events by portfolio), so records must be partitioned by their new key,
            // with the same hash every RiskRadar producer uses (see KafkaClientFactory).
            DefaultPartitionerReshuffleEveryKey = true,
            Partitioner = Confluent.Kafka.Partitioner.Murmur2Random,
            SessionTimeoutMs = (int)settings.SessionTimeout.TotalMilliseconds,
            // Streamiz leaves librdkafka's 60 s; Kafka Streams uses 10 s under exactly-once, so a crashed producer's
            // transaction stops blocking read_committed readers sooner.
            TransactionTimeoutMs = (int)settings.TransactionTimeout.TotalMilliseconds,
            HeartbeatIntervalMs = (int)Math.Max(500, settings.SessionTimeout.TotalMilliseconds / 3),
            Logger = loggerFactory,
            // Topics come from the catalog; a missing one is a deployment error, not something to invent.
            AllowAutoCreateTopics = false,
            DeserializationExceptionHandler = (_, record, exception) =>
            {
                deadLetters.Publish(record, $"deserialization: {exception.GetBaseException().Message}");
                return ExceptionHandlerResponse.CONTINUE;
            },
        };
        if (!string.IsNullOrWhiteSpace(settings.KafkaDebug))
        {
            config.Debug = settings.KafkaDebug;
        }

        return config;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _slot = StateSlot.Acquire(options.Value.StateDirectory);
        _logger.LogInformation("State directory {StateDirectory}", _slot.Directory);
        var config = CreateConfig(_slot.Directory);
        var registry = Path.Combine(_slot.Directory, "transactional-ids");
        PredecessorFencing.FenceRecorded(registry, kafka, options.Value.TransactionTimeout, _logger);
        _stream = new KafkaStream(
            BuildTopology(latestPrices, pipeline.Value, scenarioSets, TimeProvider.System, provisional, live),
            config,
            new RecordingKafkaSupplier(new DefaultKafkaClientSupplier(new KafkaLoggerAdapter(config), config), registry));
        _stream.StateChanged += (from, to) =>
        {
            _state = to;
            _logger.LogInformation("Stream state {From} → {To}", from, to);
        };
        await _stream.StartAsync(stoppingToken);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _stream?.Dispose();
        _slot?.Dispose();
    }
}
