using System.Net;
using System.Net.Http.Json;
using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Contracts.Topics;

namespace RiskRadar.Api.Tests;

/// <summary>Portfolio and position CRUD through the gateway: versions, tenants, and the events on portfolio.positions.</summary>
[Collection(ApiStackCollection.Name)]
public sealed class PortfolioTests(ApiStack stack)
{
    [Fact]
    public async Task A_portfolio_is_created_read_renamed_with_its_etag_and_deleted()
    {
        using var client = stack.Client();
        var (id, etag) = await client.CreatePortfolioAsync(Http.Unique("crud"));

        var read = await client.GetAsync($"/v1/portfolios/{id}");
        var body = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("USD", body["baseCurrency"]!.GetValue<string>());
        Assert.Equal(etag, read.Headers.ETag!.Tag);

        var renamed = Http.Unique("renamed");
        await (await client.SendAsync(HttpMethod.Put, $"/v1/portfolios/{id}", Http.Json($$"""{"name":"{{renamed}}","baseCurrency":"EUR"}""")))
            .ExpectProblemAsync(HttpStatusCode.PreconditionRequired);
        var updated = await client.SendAsync(HttpMethod.Put, $"/v1/portfolios/{id}", Http.Json($$"""{"name":"{{renamed}}","baseCurrency":"EUR"}"""), etag);
        Assert.Equal(renamed, (await updated.ExpectAsync(HttpStatusCode.OK))["name"]!.GetValue<string>());
        var newTag = updated.Headers.ETag!.Tag;
        Assert.NotEqual(etag, newTag);

        // The first writer's tag is stale now: its edit must not overwrite the second.
        var stale = await client.SendAsync(HttpMethod.Put, $"/v1/portfolios/{id}", Http.Json("""{"name":"lost update","baseCurrency":"USD"}"""), etag);
        await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(renamed, (await (await client.GetAsync($"/v1/portfolios/{id}")).ReadJsonAsync())["name"]!.GetValue<string>());

        await (await client.SendAsync(HttpMethod.Delete, $"/v1/portfolios/{id}", ifMatch: newTag)).ExpectAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync($"/v1/portfolios/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lists_are_paged_with_a_cursor_and_hold_only_the_tenants_portfolios()
    {
        var tenant = Http.Unique("tenant");
        using var client = stack.Client(tenant: tenant);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await client.CreatePortfolioAsync($"book {i}")).Id);
        }

        using var other = stack.Client(tenant: Http.Unique("other"));
        await other.CreatePortfolioAsync("book 0"); // same name, another tenant: allowed

        var first = await (await client.GetAsync("/v1/portfolios?limit=2")).ExpectAsync(HttpStatusCode.OK);
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await (await client.GetAsync($"/v1/portfolios?limit=2&cursor={cursor}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(second["nextCursor"]);
        var listed = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(p => p!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Order(), listed.Order());
    }

    [Fact]
    public async Task Another_tenants_portfolio_is_not_found_for_reads_writes_and_calculations()
    {
        using var owner = stack.Client();
        var (id, etag) = await owner.CreatePortfolioAsync(Http.Unique("private"));
        await (await owner.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.AAA", new { quantity = 10 })).ExpectAsync(HttpStatusCode.OK);

        using var intruder = stack.Client(role: "admin", tenant: ApiStack.OtherTenant);
        await (await intruder.GetAsync($"/v1/portfolios/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.GetAsync($"/v1/portfolios/{id}/positions")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.GetAsync($"/v1/portfolios/{id}/risk")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.AAA", new { quantity = 999 })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.SendAsync(HttpMethod.Delete, $"/v1/portfolios/{id}", ifMatch: "\"2\"")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.PostAsync("/v1/risk/calculate", Http.Json($$"""{"portfolio_id":"{{id}}"}"""))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.PostAsync($"/v1/portfolios/{id}/optimize", Http.Json("{}"))).ExpectProblemAsync(HttpStatusCode.NotFound);

        var positions = await (await owner.GetAsync($"/v1/portfolios/{id}/positions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(10, positions["positions"]![0]!["quantity"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_spreadsheet_export_with_quoted_cells_and_grouped_thousands_uploads_as_it_reads()
    {
        using var client = stack.Client();
        var (id, _) = await client.CreatePortfolioAsync(Http.Unique("sheet"));
        var csv = new StringContent("\"Instrument_ID\",\"Quantity\"\r\n\"EQ.AAA\",\"1,000\"\r\n\"EQ.BBB\",\"-2,500.5\"\r\n", System.Text.Encoding.UTF8, "text/csv");
        await (await client.PostAsync($"/v1/portfolios/{id}/positions", csv)).ExpectAsync(HttpStatusCode.OK);
        var positions = await (await client.GetAsync($"/v1/portfolios/{id}/positions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            [("EQ.AAA", 1000.0), ("EQ.BBB", -2500.5)],
            positions["positions"]!.AsArray().Select(p => (p!["instrumentId"]!.GetValue<string>(), p["quantity"]!.GetValue<double>())).OrderBy(p => p.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_position_change_is_an_event_on_portfolio_positions_with_the_new_version()
    {
        using var client = stack.Client();
        var (id, _) = await client.CreatePortfolioAsync(Http.Unique("events"), "EUR");

        await (await client.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.AAA", new { quantity = 100 })).ExpectAsync(HttpStatusCode.OK);
        var csv = new StringContent("instrument_id,quantity\nEQ.BBB,-50\nCR.BTCUSD,0.5\n", System.Text.Encoding.UTF8, "text/csv");
        var upload = await client.PostAsync($"/v1/portfolios/{id}/positions", csv);
        Assert.Equal(3, (await upload.ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<long>());
        // Replace: EQ.AAA is kept, the others not named are closed (quantity 0).
        var replace = await client.PostAsync($"/v1/portfolios/{id}/positions?mode=replace", Http.Json("""{"positions":[{"instrumentId":"EQ.AAA","quantity":120}]}"""));
        Assert.Equal(4, (await replace.ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<long>());

        // Asking for what already holds is no change: no new version, no event.
        Assert.Equal(4, (await (await client.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.AAA", new { quantity = 120 })).ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<long>());
        Assert.Equal(4, (await (await client.DeleteAsync($"/v1/portfolios/{id}/positions/EQ.BBB")).ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<long>());

        var events = await ConsumeAsync(id, expected: 6);
        Assert.Equal(
            new[] { ("EQ.AAA", 100.0, 2L), ("CR.BTCUSD", 0.5, 3L), ("EQ.BBB", -50.0, 3L), ("CR.BTCUSD", 0.0, 4L), ("EQ.AAA", 120.0, 4L), ("EQ.BBB", 0.0, 4L) },
            events.Select(e => (e.InstrumentId, e.Quantity, e.Version)).OrderBy(e => e.Version).ThenBy(e => e.InstrumentId, StringComparer.Ordinal));
        // Per position (one key, one partition) the order on the topic is the order of the changes.
        Assert.Equal([100.0, 120.0], events.Where(e => e.InstrumentId == "EQ.AAA").Select(e => e.Quantity));
        Assert.All(events, e =>
        {
            Assert.Equal(ApiStack.Tenant, e.TenantId);
            Assert.Equal("EUR", e.BaseCurrency);
        });

        var positions = await (await client.GetAsync($"/v1/portfolios/{id}/positions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(positions["positions"]!.AsArray());
    }

    /// <summary>The portfolio's events on the topic, in the order they were sent (one key per partition keeps order).</summary>
    private async Task<List<PositionChange>> ConsumeAsync(string portfolioId, int expected)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = stack.Kafka.BootstrapServers,
            GroupId = "api-tests-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, TopicCatalog.InputPartitions).Select(p => new TopicPartitionOffset(KafkaTopics.PortfolioPositions, p, Offset.Beginning)));
        var events = new List<PositionChange>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
            {
                var change = EventSerializers.PositionChange.Deserialize(message.Value, false, default);
                if (change.PortfolioId == portfolioId)
                {
                    events.Add(change);
                }
            }
            else if (events.Count >= expected)
            {
                break; // and nothing more arrived within the last poll: no duplicates
            }
        }

        await Task.CompletedTask;
        return events;
    }
}
