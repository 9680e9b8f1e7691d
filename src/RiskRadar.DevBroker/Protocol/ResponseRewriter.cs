using System.Buffers.Binary;

namespace RiskRadar.DevBroker.Protocol;

/// <summary>
/// Completes the mock cluster's transaction support on the way back to the client: records what transactional
/// produces, offset commits and transaction ends did, and answers read_committed fetches (last stable offset,
/// aborted transactions) and offset fetches (offsets committed in transactions) as a Kafka broker would.
/// </summary>
internal sealed class ResponseRewriter(TransactionLedger ledger)
{
    private const short NoError = 0;

    /// <summary>
    /// Returns the frame to send to the client: <paramref name="frame"/> itself, patched, or a rebuilt one. Transactions
    /// the ledger aborted meanwhile are added to <paramref name="abandoned"/>: their markers are still to be written.
    /// </summary>
    public ReadOnlyMemory<byte> Process(PendingRequest pending, byte[] frame, int length, List<AbandonedTransaction> abandoned)
    {
        var reader = new KafkaReader(frame, 0, length);
        reader.Int32(); // correlation_id
        if (pending.Flexible && pending.ApiKey != KafkaApi.ApiVersions)
        {
            reader.TaggedFields();
        }

        if (pending is PendingFetch { ReadCommitted: true } or PendingListOffsets)
        {
            // Consumers poll continuously, so this is often enough to keep a dead producer's transaction from
            // blocking them longer than its timeout.
            abandoned.AddRange(ledger.AbortExpired(DateTime.UtcNow));
        }

        switch (pending)
        {
            case PendingProduce produce:
                RecordProduce(produce, reader);
                break;
            case PendingFetch { ReadCommitted: true } fetch:
                return RewriteFetch(fetch, frame, reader);
            case PendingListOffsets listOffsets:
                PatchListOffsets(listOffsets, reader);
                break;
            case PendingOffsetFetch offsetFetch:
                PatchOffsetFetch(offsetFetch, reader);
                break;
            case PendingTxnOffsetCommit commit:
                StageOffsets(commit, reader);
                break;
            case PendingEndTxn end:
                reader.Int32(); // throttle_time_ms
                if (reader.Int16() == NoError)
                {
                    ledger.End(end.ProducerId, end.Committed);
                }

                break;
            case PendingInitProducerId { TransactionalId: { } transactionalId } init:
                reader.Int32(); // throttle_time_ms
                if (reader.Int16() == NoError
                    && ledger.Fence(transactionalId, reader.Int64(), reader.Int16(), TimeSpan.FromMilliseconds(init.TransactionTimeoutMs)) is { } fenced)
                {
                    abandoned.Add(fenced);
                }

                break;
            case PendingApiVersions apiVersions:
                CapFetchVersion(apiVersions, reader);
                break;
        }

        return frame.AsMemory(0, length);
    }

    private void RecordProduce(PendingProduce produce, KafkaReader reader)
    {
        var flexible = produce.Flexible;
        var topics = reader.ArrayLength(flexible);
        for (var t = 0; t < topics; t++)
        {
            var topic = reader.String(flexible)!;
            var partitions = reader.ArrayLength(flexible);
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                var error = reader.Int16();
                var baseOffset = reader.Int64();
                SkipProducePartitionRest(reader, produce.Version, flexible);
                if (error != NoError)
                {
                    continue;
                }

                foreach (var batch in produce.Batches.Where(b => b.Topic == topic && b.Partition == partition))
                {
                    ledger.RecordAppend(topic, partition, batch.ProducerId, baseOffset, batch.RecordCount);
                }
            }

            if (flexible)
            {
                reader.TaggedFields();
            }
        }
    }

    private static void SkipProducePartitionRest(KafkaReader reader, short version, bool flexible)
    {
        if (version >= 2)
        {
            reader.Int64(); // log_append_time_ms
        }

        if (version >= 5)
        {
            reader.Int64(); // log_start_offset
        }

        if (version >= 8)
        {
            var errors = reader.ArrayLength(flexible);
            for (var e = 0; e < errors; e++)
            {
                reader.Int32();
                reader.String(flexible);
                if (flexible)
                {
                    reader.TaggedFields();
                }
            }

            reader.String(flexible); // error_message
        }

        if (flexible)
        {
            reader.TaggedFields();
        }
    }

    private ReadOnlyMemory<byte> RewriteFetch(PendingFetch fetch, byte[] frame, KafkaReader reader)
    {
        var flexible = fetch.Flexible;
        var writer = new KafkaWriter();
        writer.Raw(frame.AsSpan(0, reader.Position)); // response header, unchanged
        var prefixStart = reader.Position;
        if (fetch.Version >= 1)
        {
            reader.Int32(); // throttle_time_ms
        }

        if (fetch.Version >= 7)
        {
            reader.Int16(); // error_code
            reader.Int32(); // session_id
        }

        writer.Raw(frame.AsSpan(prefixStart, reader.Position - prefixStart));
        var topics = reader.ArrayLength(flexible);
        writer.ArrayLength(topics, flexible);
        for (var t = 0; t < topics; t++)
        {
            var topicStart = reader.Position;
            var topic = reader.String(flexible)!;
            writer.Raw(frame.AsSpan(topicStart, reader.Position - topicStart));
            var partitions = reader.ArrayLength(flexible);
            writer.ArrayLength(partitions, flexible);
            for (var p = 0; p < partitions; p++)
            {
                RewriteFetchPartition(fetch, topic, frame, reader, writer);
            }

            if (flexible)
            {
                writer.Raw(reader.TaggedFields().Span);
            }
        }

        if (flexible)
        {
            writer.Raw(reader.TaggedFields().Span);
        }

        return writer.Written.ToArray();
    }

    private void RewriteFetchPartition(PendingFetch fetch, string topic, byte[] frame, KafkaReader reader, KafkaWriter writer)
    {
        var flexible = fetch.Flexible;
        var partition = reader.Int32();
        var error = reader.Int16();
        var highWatermark = reader.Int64();
        reader.Int64(); // last_stable_offset as the mock reports it (always the high watermark)
        var logStartOffset = fetch.Version >= 5 ? reader.Int64() : -1;
        var aborted = reader.ArrayLength(flexible);
        for (var a = 0; a < aborted; a++)
        {
            // The mock never reports aborted transactions; the ledger's list replaces whatever is here.
            reader.Int64();
            reader.Int64();
            if (flexible)
            {
                reader.TaggedFields();
            }
        }

        var preferredReplica = fetch.Version >= 11 ? reader.Int32() : -1;
        var (recordsStart, recordsLength) = reader.Bytes(flexible);
        var tags = flexible ? reader.TaggedFields() : ReadOnlyMemory<byte>.Empty;

        // Stop at the first batch of a transaction that has not ended (or that the ledger has not seen yet):
        // a read_committed consumer may not read past it, so it is the last stable offset.
        var lastStable = highWatermark;
        var keptLength = Math.Max(recordsLength, 0);
        long firstOffset = -1;
        foreach (var batch in RecordBatches.Read(frame, recordsStart, keptLength))
        {
            if (batch.Transactional && !batch.Control
                && ledger.OutcomeOf(topic, partition, batch.ProducerId, batch.BaseOffset) == TransactionOutcome.Open)
            {
                lastStable = Math.Min(lastStable, batch.BaseOffset);
                keptLength = batch.Start - recordsStart;
                break;
            }

            if (firstOffset < 0)
            {
                firstOffset = batch.BaseOffset;
            }
        }

        var abortedTransactions = firstOffset < 0
            ? []
            : ledger.AbortedBetween(topic, partition, firstOffset, lastStable);

        writer.Int32(partition);
        writer.Int16(error);
        writer.Int64(highWatermark);
        writer.Int64(lastStable);
        if (fetch.Version >= 5)
        {
            writer.Int64(logStartOffset);
        }

        writer.ArrayLength(abortedTransactions.Count, flexible);
        foreach (var (producerId, first) in abortedTransactions)
        {
            writer.Int64(producerId);
            writer.Int64(first);
            if (flexible)
            {
                writer.EmptyTaggedFields();
            }
        }

        if (fetch.Version >= 11)
        {
            writer.Int32(preferredReplica);
        }

        writer.Bytes(frame.AsSpan(recordsStart, keptLength), isNull: recordsLength < 0, flexible);
        if (flexible)
        {
            writer.Raw(tags.Span);
        }
    }

    /// <summary>
    /// A read_committed consumer's "latest offset" is the last stable offset, as on a Kafka broker; the mock
    /// answers the high watermark, and a consumer restoring up to it would wait behind a transaction that only
    /// its own (not yet started) producer can abort — a restarted Streamiz application never got past restore.
    /// </summary>
    private void PatchListOffsets(PendingListOffsets pending, KafkaReader reader)
    {
        var flexible = pending.Flexible;
        reader.Int32(); // throttle_time_ms (v2+)
        var topics = reader.ArrayLength(flexible);
        for (var t = 0; t < topics; t++)
        {
            var topic = reader.String(flexible)!;
            var partitions = reader.ArrayLength(flexible);
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                var error = reader.Int16();
                reader.Int64(); // timestamp
                var offsetAt = reader.Position;
                var offset = reader.Int64();
                if (error == NoError && pending.Latest.Contains((topic, partition))
                    && ledger.FirstOpenOffset(topic, partition) is { } firstOpen && firstOpen < offset)
                {
                    BinaryPrimitives.WriteInt64BigEndian(reader.Buffer.AsSpan(offsetAt), firstOpen);
                }

                if (pending.Version >= 4)
                {
                    reader.Int32(); // leader_epoch
                }

                if (flexible)
                {
                    reader.TaggedFields();
                }
            }

            if (flexible)
            {
                reader.TaggedFields();
            }
        }
    }

    private void PatchOffsetFetch(PendingOffsetFetch pending, KafkaReader reader)
    {
        var flexible = pending.Flexible;
        if (pending.Version >= 3)
        {
            reader.Int32(); // throttle_time_ms
        }

        var topics = reader.ArrayLength(flexible);
        for (var t = 0; t < topics; t++)
        {
            var topic = reader.String(flexible)!;
            var partitions = reader.ArrayLength(flexible);
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                var offsetAt = reader.Position;
                reader.Int64();
                if (ledger.TryGetCommittedOffset(pending.Group, topic, partition, out var committed))
                {
                    BinaryPrimitives.WriteInt64BigEndian(reader.Buffer.AsSpan(offsetAt), committed);
                }

                if (pending.Version >= 5)
                {
                    reader.Int32(); // committed_leader_epoch
                }

                reader.String(flexible); // metadata
                reader.Int16(); // error_code
                if (flexible)
                {
                    reader.TaggedFields();
                }
            }

            if (flexible)
            {
                reader.TaggedFields();
            }
        }
    }

    private void StageOffsets(PendingTxnOffsetCommit commit, KafkaReader reader)
    {
        var flexible = commit.Flexible;
        reader.Int32(); // throttle_time_ms
        var accepted = new HashSet<(string, int)>();
        var topics = reader.ArrayLength(flexible);
        for (var t = 0; t < topics; t++)
        {
            var topic = reader.String(flexible)!;
            var partitions = reader.ArrayLength(flexible);
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                if (reader.Int16() == NoError)
                {
                    accepted.Add((topic, partition));
                }

                if (flexible)
                {
                    reader.TaggedFields();
                }
            }

            if (flexible)
            {
                reader.TaggedFields();
            }
        }

        ledger.StageOffsets(commit.ProducerId, commit.Offsets
            .Where(o => accepted.Contains((o.Topic, o.Partition)))
            .Select(o => (commit.Group, o.Topic, o.Partition, o.Offset)));
    }

    private static void CapFetchVersion(PendingApiVersions pending, KafkaReader reader)
    {
        if (reader.Int16() != NoError)
        {
            // A version the broker does not support: the client asks again with one it lists, and that answer is capped.
            return;
        }

        var compact = pending.Version >= 3;
        var count = reader.ArrayLength(compact);
        for (var i = 0; i < count; i++)
        {
            var apiKey = reader.Int16();
            reader.Int16(); // min_version
            var maxAt = reader.Position;
            var max = reader.Int16();
            if (apiKey == KafkaApi.Fetch && max > KafkaApi.MaxFetchVersion)
            {
                BinaryPrimitives.WriteInt16BigEndian(reader.Buffer.AsSpan(maxAt), KafkaApi.MaxFetchVersion);
            }

            if (compact)
            {
                reader.TaggedFields();
            }
        }
    }
}
