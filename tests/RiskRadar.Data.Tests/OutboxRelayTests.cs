using System.Collections.Concurrent;
using Npgsql;
using RiskRadar.Data.Outbox;

namespace RiskRadar.Data.Tests;

/// <summary>
/// The outbox relay against real PostgreSQL, with writers whose transactions commit out of id order: every committed
/// row reaches the "topic" exactly once, in id order per key, and nothing rolled back ever does.
/// </summary>
public sealed class OutboxRelayTests(PostgresSchemaTests.Database database) : IClassFixture<PostgresSchemaTests.Database>
{
    private const long LockKey = 0x5465_7374_4f62;

    private NpgsqlDataSource DataSource => database.DataSource;

    [Fact]
    public async Task A_row_that_commits_after_a_higher_id_was_relayed_is_still_relayed()
    {
        var table = await CreateTableAsync();
        var topic = new List<Row>();

        // Writer A draws the lower id and commits last.
        await using var slow = await DataSource.OpenConnectionAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        var a = await InsertAsync(slow, slowTransaction, table, "a", "first drawn");
        await using (var fast = await DataSource.OpenConnectionAsync())
        {
            await using var fastTransaction = await fast.BeginTransactionAsync();
            var b = await InsertAsync(fast, fastTransaction, table, "b", "first committed");
            await fastTransaction.CommitAsync();
            Assert.True(b > a);
        }

        Assert.Equal(1, await RelayAsync(table, topic));
        // The scenario is the one a "last id" cursor loses: past the cursor at b, nothing below it is ever read again.
        var cursor = topic.Max(r => r.Id);
        await slowTransaction.CommitAsync();
        Assert.Empty(await ReadAfterAsync(table, cursor));

        Assert.Equal(1, await RelayAsync(table, topic));
        Assert.Equal(["first committed", "first drawn"], topic.Select(r => r.Payload));
        Assert.Equal(0, await RelayAsync(table, topic));
    }

    [Fact]
    public async Task Concurrent_writers_with_delayed_commits_and_two_relays_deliver_every_committed_row_exactly_once_in_key_order()
    {
        var table = await CreateTableAsync();
        var topic = new ConcurrentQueue<Row>();
        var committed = new ConcurrentBag<string>();
        var rolledBack = new ConcurrentBag<string>();
        using var writing = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < 40; i++)
            {
                await using var connection = await DataSource.OpenConnectionAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                var payload = $"w{w}-{i:D2}";
                await InsertAsync(connection, transaction, table, $"key-{w}", payload);
                await Task.Delay(random.Next(0, 15)); // Commits land out of id order across writers.
                if (i % 7 == 3)
                {
                    await transaction.RollbackAsync();
                    rolledBack.Add(payload);
                }
                else
                {
                    await transaction.CommitAsync();
                    committed.Add(payload);
                }
            }
        })).ToList();

        // Two replicas relaying at once: the lock lets one at a time through.
        var relays = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                await RelayAsync(table, topic.Enqueue, batchSize: 7);
                await Task.Delay(2);
            }
        })).ToList();

        await Task.WhenAll(writers);
        await writing.CancelAsync();
        await Task.WhenAll(relays);
        while (await RelayAsync(table, topic.Enqueue) > 0)
        {
        }

        var delivered = topic.ToList();
        Assert.Equal(committed.Order(StringComparer.Ordinal), delivered.Select(r => r.Payload).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(delivered, r => rolledBack.Contains(r.Payload));
        foreach (var key in delivered.GroupBy(r => r.Key))
        {
            Assert.Equal(key.Select(r => r.Payload).Order(StringComparer.Ordinal), key.Select(r => r.Payload));
        }
    }

    [Fact]
    public async Task A_publish_that_fails_leaves_the_rows_pending_for_the_next_relay()
    {
        var table = await CreateTableAsync();
        await using (var connection = await DataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await InsertAsync(connection, transaction, table, "k", "kept");
            await transaction.CommitAsync();
        }

        var relay = new OutboxRelay(DataSource, LockKey);
        await Assert.ThrowsAsync<TimeoutException>(() => relay.RelayAsync(Claim(table), 10, Read, (_, _) => throw new TimeoutException("broker down"), CancellationToken.None));

        var topic = new List<Row>();
        Assert.Equal(1, await RelayAsync(table, topic));
        Assert.Equal("kept", Assert.Single(topic).Payload);
    }

    private sealed record Row(long Id, string Key, string Payload);

    private Task<int> RelayAsync(string table, List<Row> topic) => RelayAsync(table, topic.Add);

    // Delivered while the relay holds the lock, as a producer's send is: the order seen is the order sent.
    private async Task<int> RelayAsync(string table, Action<Row> deliver, int batchSize = 100) =>
        await new OutboxRelay(DataSource, LockKey).RelayAsync(Claim(table), batchSize, Read, (rows, _) =>
        {
            foreach (var row in rows)
            {
                deliver(row);
            }

            return Task.FromResult<IReadOnlyList<NpgsqlBatchCommand>>([OutboxMarks.Published(table, [.. rows.Select(r => r.Id)])]);
        }, CancellationToken.None);

    private static string Claim(string table) => $"select id, key, payload from {table} where published_at is null order by id limit $1";

    private static Row Read(NpgsqlDataReader reader) => new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2));

    private async Task<string> CreateTableAsync()
    {
        var table = $"outbox_{Guid.NewGuid():N}";
        await using var command = DataSource.CreateCommand($"create table {table} (id bigserial primary key, key text not null, payload text not null, published_at timestamptz null)");
        await command.ExecuteNonQueryAsync();
        return table;
    }

    private static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string key, string payload)
    {
        await using var command = new NpgsqlCommand($"insert into {table} (key, payload) values ($1, $2) returning id", connection, transaction);
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = payload });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<long>> ReadAfterAsync(string table, long cursor)
    {
        await using var command = DataSource.CreateCommand($"select id from {table} where id > $1 order by id");
        command.Parameters.Add(new() { Value = cursor });
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
