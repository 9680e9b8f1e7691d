namespace RiskRadar.DevBroker.Protocol;

/// <summary>What the proxy remembers of a request until its response passes back.</summary>
internal abstract record PendingRequest(short ApiKey, short Version)
{
    public bool Flexible => KafkaApi.IsFlexible(ApiKey, Version);
}

internal sealed record TransactionalBatch(string Topic, int Partition, long ProducerId, int RecordCount);

internal sealed record PendingProduce(short Version, List<TransactionalBatch> Batches) : PendingRequest(KafkaApi.Produce, Version);

internal sealed record PendingFetch(short Version, bool ReadCommitted) : PendingRequest(KafkaApi.Fetch, Version);

/// <summary>A read_committed query for the latest offsets of these partitions (timestamp −1).</summary>
internal sealed record PendingListOffsets(short Version, HashSet<(string Topic, int Partition)> Latest) : PendingRequest(KafkaApi.ListOffsets, Version);

internal sealed record PendingOffsetFetch(short Version, string Group) : PendingRequest(KafkaApi.OffsetFetch, Version);

internal sealed record PendingTxnOffsetCommit(short Version, string Group, long ProducerId, List<(string Topic, int Partition, long Offset)> Offsets)
    : PendingRequest(KafkaApi.TxnOffsetCommit, Version);

internal sealed record PendingEndTxn(short Version, long ProducerId, bool Committed) : PendingRequest(KafkaApi.EndTxn, Version);

internal sealed record PendingInitProducerId(short Version, string? TransactionalId, int TransactionTimeoutMs) : PendingRequest(KafkaApi.InitProducerId, Version);

internal sealed record PendingApiVersions(short Version) : PendingRequest(KafkaApi.ApiVersions, Version);
