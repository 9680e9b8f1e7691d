namespace RiskRadar.DevBroker.Protocol;

/// <summary>The Kafka API keys the transactional proxy looks into, and which of their versions are flexible.</summary>
internal static class KafkaApi
{
    public const short Produce = 0;
    public const short Fetch = 1;
    public const short ListOffsets = 2;
    public const short OffsetFetch = 9;
    public const short ApiVersions = 18;
    public const short InitProducerId = 22;
    public const short EndTxn = 26;
    public const short TxnOffsetCommit = 28;

    /// <summary>
    /// Fetch v13+ names topics by id; capping clients at v12 keeps topic names in fetches, which the ledger uses.
    /// </summary>
    public const short MaxFetchVersion = 12;

    /// <summary>Whether a request of this API and version uses the flexible (compact, tagged) encoding.</summary>
    public static bool IsFlexible(short apiKey, short version) => apiKey switch
    {
        Produce => version >= 9,
        Fetch => version >= 12,
        ListOffsets => version >= 6,
        OffsetFetch => version >= 6,
        ApiVersions => version >= 3,
        InitProducerId => version >= 2,
        EndTxn => version >= 3,
        TxnOffsetCommit => version >= 3,
        _ => false,
    };
}
