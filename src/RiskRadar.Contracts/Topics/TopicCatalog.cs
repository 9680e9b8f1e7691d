namespace RiskRadar.Contracts.Topics;

/// <summary>A topic and the partition count it must have.</summary>
public sealed record TopicSpec(string Name, int Partitions, bool Compacted = false);

/// <summary>
/// Every topic the platform needs, including the StreamProcessor's internal changelog and repartition
/// topics. Brokers that do not let clients create topics (the development broker) pre-create this list,
/// so Streamiz finds its internal topics with the partition counts it expects.
/// </summary>
public static class TopicCatalog
{
    /// <summary>Partitions of the keyed input topics; internal topics co-partitioned with them use the same.</summary>
    public const int InputPartitions = 6;

    /// <summary>The Streamiz application id; internal topic names start with it.</summary>
    public const string StreamApplicationId = "riskradar-stream";

    /// <summary>Named state stores of the StreamProcessor topology; each has a changelog topic.</summary>
    public static class Stores
    {
        public const string InstrumentState = "instrument-state";
        public const string PortfolioState = "portfolio-state";

        public static readonly IReadOnlyList<string> All = [InstrumentState, PortfolioState];

        /// <summary>The global store read by every portfolio task; it restores from its source topic, not a changelog.</summary>
        public const string InstrumentReferences = "instrument-references";
    }

    /// <summary>Topics between the StreamProcessor's sub-topologies, named explicitly so the catalog can hold them.</summary>
    public static class Internal
    {
        /// <summary>Position changes re-keyed by instrument, co-partitioned with <c>market.prices</c>.</summary>
        public const string PositionsByInstrument = StreamApplicationId + "-positions-by-instrument";

        /// <summary>
        /// Instruments' boundary records (to every partition) and holding changes (to their portfolio's partition),
        /// read by the portfolio tasks; its partition count bounds how many of them share the books.
        /// </summary>
        public const string BookInputs = StreamApplicationId + "-book-inputs";
    }

    public static string Changelog(string store) => $"{StreamApplicationId}-{store}-changelog";

    public static IReadOnlyList<TopicSpec> All { get; } =
    [
        new(KafkaTopics.MarketPrices, InputPartitions),
        new(KafkaTopics.MarketPricesDeadLetter, 1),
        new(KafkaTopics.InstrumentReferences, 1, Compacted: true),
        new(KafkaTopics.PortfolioPositions, InputPartitions, Compacted: true),
        new(KafkaTopics.PortfolioPositionsDeadLetter, 1),
        new(KafkaTopics.MarketBars, InputPartitions),
        new(KafkaTopics.RiskAggregates, InputPartitions),
        new(KafkaTopics.RiskAlerts, 1),
        new(KafkaTopics.AuditEvents, 1),
        new(Internal.PositionsByInstrument, InputPartitions),
        new(Internal.BookInputs, InputPartitions),
        .. Stores.All.Select(store => new TopicSpec(Changelog(store), InputPartitions, Compacted: true)),
    ];
}
