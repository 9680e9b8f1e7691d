using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Events;

namespace RiskRadar.TimeSeries.Tests;

public sealed class TimeSeriesSchemaTests(PostgresFixture db) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Creating_the_schema_again_is_a_no_op_and_the_layout_is_native_without_timescaledb()
    {
        var partitionsBefore = await db.PartitionsAsync(TimeSeriesTables.Aggregates);

        Assert.Equal(TimeSeriesMode.NativePartitions, db.Mode);
        Assert.Equal(TimeSeriesMode.NativePartitions, await TimeSeriesSchema.EnsureCreatedAsync(db.DataSource, db.Options));
        Assert.Equal(TimeSeriesMode.NativePartitions, await TimeSeriesSchema.EnsureCreatedAsync(db.DataSource, db.Options));
        Assert.Equal(TimeSeriesMode.NativePartitions, await TimeSeriesSchema.GetModeAsync(db.DataSource));

        // The first run already made today's partition and those ahead; later runs add none of their own.
        Assert.Contains($"{TimeSeriesTables.Aggregates}_p{DateTime.UtcNow:yyyyMMdd}", partitionsBefore);
        Assert.Contains($"{TimeSeriesTables.Bars}_p{DateTime.UtcNow.AddDays(7):yyyyMMdd}", await db.PartitionsAsync(TimeSeriesTables.Bars));
        Assert.Contains($"{TimeSeriesTables.Aggregates}_default", partitionsBefore);
        Assert.Equal(partitionsBefore, await db.PartitionsAsync(TimeSeriesTables.Aggregates));
    }

    [Fact]
    public async Task Concurrent_schema_creation_does_not_collide()
    {
        var modes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TimeSeriesSchema.EnsureCreatedAsync(db.DataSource, db.Options)));

        Assert.All(modes, m => Assert.Equal(TimeSeriesMode.NativePartitions, m));
    }

    [Fact]
    public async Task A_row_that_fell_into_the_default_partition_moves_when_its_day_gets_a_partition()
    {
        var day = new DateTimeOffset(2999, 6, 15, 12, 0, 0, TimeSpan.Zero);
        var aggregate = Samples.Aggregate("default-move", day, seed: 1);
        await using (var insert = db.DataSource.CreateCommand(
            $"""
            insert into {TimeSeriesTables.Aggregates} (portfolio_id, tenant_id, window_name, window_start, window_end, base_currency,
                market_value, pnl, gross_exposure, net_exposure, scenarios, positions, computed_at)
            values (@p, 't', '1m', @start, @end, 'USD', 1, 2, 3, 4, 5, 6, @end)
            """))
        {
            insert.Parameters.AddWithValue("p", aggregate.PortfolioId);
            insert.Parameters.AddWithValue("start", aggregate.WindowStart);
            insert.Parameters.AddWithValue("end", aggregate.WindowEnd);
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await db.CountAsync($"select count(*) from only {TimeSeriesTables.Aggregates}_default where portfolio_id = 'default-move'"));

        var created = await TimeSeriesSchema.EnsurePartitionsAsync(db.DataSource, day, day);

        Assert.Equal(2, created);
        Assert.Equal(0, await db.CountAsync($"select count(*) from only {TimeSeriesTables.Aggregates}_default where portfolio_id = 'default-move'"));
        Assert.Equal(1, await db.CountAsync($"select count(*) from only {TimeSeriesTables.Aggregates}_p29990615 where portfolio_id = 'default-move'"));
        Assert.Equal(0, await TimeSeriesSchema.EnsurePartitionsAsync(db.DataSource, day, day));
    }

    [Fact]
    public async Task Retention_drops_the_partitions_of_expired_days_and_nothing_newer()
    {
        var now = DateTimeOffset.UtcNow;
        var oldEnd = Samples.DaysAgo(400).AddHours(10);
        var recentEnd = Samples.DaysAgo(2).AddHours(10);
        var writer = new RiskHistoryWriter(db.DataSource);
        await writer.WriteAsync(
            [Samples.Aggregate("retention", oldEnd, 1), Samples.Aggregate("retention", recentEnd, 2)],
            [Samples.Bar("RET", oldEnd, 1), Samples.Bar("RET", recentEnd, 2)]);
        var oldAggregates = $"{TimeSeriesTables.Aggregates}_p{oldEnd:yyyyMMdd}";
        var oldBars = $"{TimeSeriesTables.Bars}_p{oldEnd:yyyyMMdd}";
        Assert.Contains(oldAggregates, await db.PartitionsAsync(TimeSeriesTables.Aggregates));
        Assert.Contains(oldBars, await db.PartitionsAsync(TimeSeriesTables.Bars));

        var dropped = await TimeSeriesSchema.ApplyRetentionAsync(db.DataSource, new TimeSeriesOptions { Retention = TimeSpan.FromDays(365) }, now);

        Assert.Contains(oldAggregates, dropped);
        Assert.Contains(oldBars, dropped);
        Assert.DoesNotContain(dropped, name => name.EndsWith($"_p{recentEnd:yyyyMMdd}", StringComparison.Ordinal));
        Assert.DoesNotContain(oldAggregates, await db.PartitionsAsync(TimeSeriesTables.Aggregates));
        Assert.DoesNotContain(oldBars, await db.PartitionsAsync(TimeSeriesTables.Bars));
        Assert.Equal(1, await db.CountAsync($"select count(*) from {TimeSeriesTables.Aggregates} where portfolio_id = 'retention'"));
        Assert.Equal(recentEnd, Assert.Single(await new RiskHistoryQuery(db.DataSource).GetBarsAsync("RET", DateTimeOffset.MinValue, now)).BarEnd);
        Assert.Empty(await TimeSeriesSchema.ApplyRetentionAsync(db.DataSource, new TimeSeriesOptions { Retention = TimeSpan.FromDays(365) }, now));
    }

    [Fact]
    public async Task The_host_registration_creates_the_schema_at_start_and_serves_writer_and_query()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:timeseries"] = db.Server.ConnectionString,
            ["TimeSeries:PartitionsAhead"] = "3.00:00:00",
        });
        builder.AddTimeSeriesStore();
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            Assert.Equal(TimeSeriesMode.NativePartitions, host.Services.GetRequiredService<TimeSeriesMaintenanceService>().Mode);
            Assert.Equal(TimeSpan.FromDays(3), host.Services.GetRequiredService<IOptions<TimeSeriesOptions>>().Value.PartitionsAhead);

            var end = Samples.DaysAgo(1);
            var aggregate = Samples.Aggregate("hosted", end, 7);
            await host.Services.GetRequiredService<RiskHistoryWriter>().WriteAsync([aggregate], Array.Empty<InstrumentBar>());
            var read = await host.Services.GetRequiredService<RiskHistoryQuery>().GetAggregatesAsync("hosted", "1m", end, end.AddTicks(10), 10);
            Samples.AssertSame(aggregate, Assert.Single(read));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Invalid_options_fail_the_host_at_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:timeseries"] = db.Server.ConnectionString,
            ["TimeSeries:Retention"] = "00:00:01",
        });
        builder.AddTimeSeriesStore();
        using var host = builder.Build();

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}
