using System.Net;
using System.Net.Http.Headers;
using Npgsql;

namespace RiskRadar.Gateway.Tests;

/// <summary>The audit trail: writes and denials in an append-only table, on <c>audit.events</c>, and readable by admins.</summary>
[Collection(GatewayStackCollection.Name)]
public sealed class AuditTests(GatewayStack stack)
{
    [Fact]
    public async Task A_write_is_audited_as_allowed_with_who_and_where_and_the_trail_cannot_be_rewritten()
    {
        using var client = stack.Client(role: "analyst", subject: "writer", gateway: stack.EdgeGateway);
        var response = await client.PostAsync("/v1/risk/calculate", Http.Json("{}"));
        await response.ExpectAsync(HttpStatusCode.OK);

        var record = await stack.AssertAuditedAsync(response, 200, "allowed");
        Assert.Equal("writer", record["actor"]!.GetValue<string>());
        Assert.Equal(GatewayStack.Tenant, record["tenant_id"]!.GetValue<string>());
        Assert.Equal("POST", record["method"]!.GetValue<string>());
        Assert.Equal("/v1/risk/calculate", record["route"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", record["client_address"]!.GetValue<string>().Replace("::ffff:", "", StringComparison.Ordinal));

        foreach (var sql in new[] { "update audit_events set outcome = 'allowed' where outcome = 'denied'", "delete from audit_events", "truncate audit_events" })
        {
            await using var command = stack.Database.CreateCommand(sql);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Reads_that_pass_are_not_audited()
    {
        using var client = stack.Client(role: "viewer", gateway: stack.EdgeGateway);
        var response = await client.GetAsync("/v1/instruments");
        await response.ExpectAsync(HttpStatusCode.OK);
        await Task.Delay(500);
        await using var command = stack.Database.CreateCommand("select count(*) from audit_events where correlation_id = $1");
        command.Parameters.Add(new() { Value = response.CorrelationId() });
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Admins_read_their_tenant_s_trail_at_the_gateway()
    {
        using var denied = stack.Anonymous();
        var probe = await denied.DeleteAsync("/v1/portfolios/p1");
        await stack.AuditRowAsync(probe, 401, "denied");
        using var writer = stack.Client(role: "admin", subject: "trail-writer", gateway: stack.EdgeGateway);
        var write = await writer.PostAsync("/v1/alerts/webhooks", Http.Json("{}"));
        await stack.AuditRowAsync(write, 200, "allowed");

        var admin = await stack.LoginAsync("root");
        using var auditor = stack.Anonymous();
        auditor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin["access_token"]!.GetValue<string>());
        var events = (await (await auditor.GetAsync("/v1/audit/events?limit=1000")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(events, e => e!["correlationId"]!.GetValue<string>() == write.CorrelationId());
        // Another tenant's (and anonymous) records are not shown.
        Assert.All(events, e => Assert.Equal(GatewayStack.Tenant, e!["tenantId"]!.GetValue<string>()));

        using var manager = stack.Client(role: "risk-manager");
        await (await manager.GetAsync("/v1/audit/events")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await auditor.GetAsync("/v1/audit/events?limit=0")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Writes_are_refused_with_503_while_they_cannot_be_audited_and_reads_and_denials_go_on()
    {
        using var analyst = stack.Client(role: "analyst", gateway: stack.EdgeGateway);
        using var viewer = stack.Client(role: "viewer", gateway: stack.EdgeGateway);
        await ExecuteAsync("alter table audit_events rename to audit_events_offline");
        try
        {
            // Past the window in which a recent successful audit write lets writes through without a probe.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var write = await analyst.PostAsync("/v1/risk/calculate", Http.Json("{}"));
            await write.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(write.Headers.RetryAfter);

            await (await viewer.GetAsync("/v1/instruments")).ExpectAsync(HttpStatusCode.OK);
            await (await viewer.PostAsync("/v1/risk/calculate", Http.Json("{}"))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        }
        finally
        {
            await ExecuteAsync("alter table audit_events_offline rename to audit_events");
        }

        var recovered = await analyst.PostAsync("/v1/risk/calculate", Http.Json("{}"));
        await recovered.ExpectAsync(HttpStatusCode.OK);
        await stack.AuditRowAsync(recovered, 200, "allowed");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = stack.Database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
