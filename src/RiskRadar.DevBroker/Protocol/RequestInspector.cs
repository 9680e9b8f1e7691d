namespace RiskRadar.DevBroker.Protocol;

/// <summary>Reads, without changing them, the requests whose responses the proxy needs to understand.</summary>
internal static class RequestInspector
{
    public static (int CorrelationId, PendingRequest? Pending) Inspect(byte[] frame, int length)
    {
        var reader = new KafkaReader(frame, 0, length);
        var apiKey = reader.Int16();
        var version = reader.Int16();
        var correlationId = reader.Int32();
        var pending = apiKey switch
        {
            KafkaApi.Produce or KafkaApi.Fetch or KafkaApi.ListOffsets or KafkaApi.OffsetFetch or KafkaApi.TxnOffsetCommit
                or KafkaApi.EndTxn or KafkaApi.InitProducerId or KafkaApi.ApiVersions => Body(reader, apiKey, version),
            _ => null,
        };
        return (correlationId, pending);
    }

    private static PendingRequest? Body(KafkaReader reader, short apiKey, short version)
    {
        var flexible = KafkaApi.IsFlexible(apiKey, version);
        reader.String(compact: false); // client_id is a classic string in every header version
        if (flexible)
        {
            reader.TaggedFields();
        }

        return apiKey switch
        {
            KafkaApi.Produce => Produce(reader, version, flexible),
            KafkaApi.Fetch => Fetch(reader, version),
            KafkaApi.ListOffsets => ListOffsets(reader, version, flexible),
            KafkaApi.OffsetFetch => new PendingOffsetFetch(version, reader.String(flexible) ?? ""),
            KafkaApi.TxnOffsetCommit => TxnOffsetCommit(reader, version, flexible),
            KafkaApi.EndTxn => EndTxn(reader, version, flexible),
            KafkaApi.InitProducerId => new PendingInitProducerId(version, reader.String(flexible), reader.Int32()),
            KafkaApi.ApiVersions => new PendingApiVersions(version),
            _ => null,
        };
    }

    private static PendingProduce? Produce(KafkaReader reader, short version, bool flexible)
    {
        if (version < 3)
        {
            return null; // no transactions before v3
        }

        var transactionalId = reader.String(flexible);
        if (transactionalId is null)
        {
            return null;
        }

        reader.Int16(); // acks
        reader.Int32(); // timeout
        var batches = new List<TransactionalBatch>();
        var topics = reader.ArrayLength(flexible);
        for (var t = 0; t < topics; t++)
        {
            var topic = reader.String(flexible)!;
            var partitions = reader.ArrayLength(flexible);
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                var (start, length) = reader.Bytes(flexible);
                if (length > 0)
                {
                    long producerId = -1;
                    var count = 0;
                    foreach (var batch in RecordBatches.Read(reader.Buffer, start, length))
                    {
                        if (batch.Transactional && !batch.Control)
                        {
                            producerId = batch.ProducerId;
                            count += batch.RecordCount;
                        }
                    }

                    if (count > 0)
                    {
                        batches.Add(new TransactionalBatch(topic, partition, producerId, count));
                    }
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

        return batches.Count > 0 ? new PendingProduce(version, batches) : null;
    }

    private static PendingFetch Fetch(KafkaReader reader, short version)
    {
        if (version < 4)
        {
            return new PendingFetch(version, ReadCommitted: false);
        }

        if (version < 15)
        {
            reader.Int32(); // replica_id
        }

        reader.Int32(); // max_wait_ms
        reader.Int32(); // min_bytes
        reader.Int32(); // max_bytes
        return new PendingFetch(version, ReadCommitted: reader.Int8() == 1);
    }

    private static PendingListOffsets? ListOffsets(KafkaReader reader, short version, bool flexible)
    {
        if (version < 2)
        {
            return null; // no isolation level before v2: the answer is the high watermark, as the mock gives it
        }

        reader.Int32(); // replica_id
        if (reader.Int8() != 1)
        {
            return null;
        }

        var latest = new HashSet<(string, int)>();
        var topics = reader.ArrayLength(flexible);
        for (var t = 0; t < topics; t++)
        {
            var topic = reader.String(flexible)!;
            var partitions = reader.ArrayLength(flexible);
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                if (version >= 4)
                {
                    reader.Int32(); // current_leader_epoch
                }

                if (reader.Int64() == -1)
                {
                    latest.Add((topic, partition));
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

        return latest.Count > 0 ? new PendingListOffsets(version, latest) : null;
    }

    private static PendingTxnOffsetCommit TxnOffsetCommit(KafkaReader reader, short version, bool flexible)
    {
        reader.String(flexible); // transactional_id
        var group = reader.String(flexible) ?? "";
        var producerId = reader.Int64();
        reader.Int16(); // producer_epoch
        if (version >= 3)
        {
            reader.Int32(); // generation_id
            reader.String(flexible); // member_id
            reader.String(flexible); // group_instance_id
        }

        var offsets = new List<(string, int, long)>();
        var topics = reader.ArrayLength(flexible);
        for (var t = 0; t < topics; t++)
        {
            var topic = reader.String(flexible)!;
            var partitions = reader.ArrayLength(flexible);
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                var offset = reader.Int64();
                if (version >= 2)
                {
                    reader.Int32(); // committed_leader_epoch
                }

                reader.String(flexible); // committed_metadata
                if (flexible)
                {
                    reader.TaggedFields();
                }

                offsets.Add((topic, partition, offset));
            }

            if (flexible)
            {
                reader.TaggedFields();
            }
        }

        return new PendingTxnOffsetCommit(version, group, producerId, offsets);
    }

    private static PendingEndTxn EndTxn(KafkaReader reader, short version, bool flexible)
    {
        reader.String(flexible); // transactional_id
        var producerId = reader.Int64();
        reader.Int16(); // producer_epoch
        return new PendingEndTxn(version, producerId, reader.Boolean());
    }
}
