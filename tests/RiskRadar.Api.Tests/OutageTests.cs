using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace RiskRadar.Api.Tests;

/// <summary>
/// A hung PostgreSQL or Redis (the real server, stopped with SIGSTOP: connections open, no answers) costs a client a
/// bounded wait and a 503 with Retry-After, never a hung request or a 500; nothing is half-written; service resumes
/// by itself once the server answers again (SIGCONT).
/// </summary>
[Collection(ApiStackCollection.Name)]
public sealed class OutageTests(ApiStack stack, Xunit.Abstractions.ITestOutputHelper output)
{
    // Dependencies:Timeout 3 s + 2 × ConnectTimeout 1 s is the worst a hung database costs one call (about 5 s
    // measured); a request through the gateway may meet it in the Api and again in the audit insert.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task A_hung_database_answers_503_promptly_writes_nothing_and_recovers_by_itself()
    {
        using var client = stack.Client();
        var (id, _) = await client.CreatePortfolioAsync(Http.Unique("outage"));
        await (await client.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.AAA", new { quantity = 10 })).ExpectAsync(HttpStatusCode.OK);

        stack.Postgres.Freeze();
        try
        {
            using var apiDirect = new HttpClient { BaseAddress = stack.Api.BaseAddress, Timeout = Bound };
            apiDirect.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
            await ExpectUnavailableAsync(await TimedAsync(() => apiDirect.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.AAA", new { quantity = 98 })));
            var write = await TimedAsync(() => client.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.AAA", new { quantity = 99 }));
            await ExpectUnavailableAsync(write);
            var read = await TimedAsync(() => client.GetAsync($"/v1/portfolios/{id}/positions"));
            await ExpectUnavailableAsync(read);

            using var direct = new HttpClient { BaseAddress = stack.Api.BaseAddress, Timeout = Bound };
            var health = await direct.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }
        catch
        {
            ShowApiErrors();
            throw;
        }
        finally
        {
            stack.Postgres.Thaw();
        }

        // Service resumes without a restart; the write made while frozen left nothing behind.
        var recovered = await EventuallyAsync(async () => (await client.GetAsync($"/v1/portfolios/{id}/positions")).StatusCode == HttpStatusCode.OK);
        Assert.True(recovered, "the Api did not answer again after the database resumed");
        var positions = await (await client.GetAsync($"/v1/portfolios/{id}/positions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, positions["version"]!.GetValue<long>());
        Assert.Equal(10, Assert.Single(positions["positions"]!.AsArray())!["quantity"]!.GetValue<double>());
        await using (var outbox = stack.Database.CreateCommand("select count(*) from position_outbox where position_key like $1"))
        {
            outbox.Parameters.Add(new() { Value = id + "|%" });
            Assert.Equal(1L, await outbox.ExecuteScalarAsync());
        }

        var retried = await client.PutAsJsonAsync($"/v1/portfolios/{id}/positions/EQ.AAA", new { quantity = 99 });
        Assert.Equal(3, (await retried.ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_hung_cache_makes_reads_that_need_it_503_not_500_and_they_recover()
    {
        using var client = stack.Client(role: "viewer");
        using var writer = stack.Client();
        var (id, _) = await writer.CreatePortfolioAsync(Http.Unique("cache-outage"));

        stack.Redis.Freeze();
        try
        {
            await ExpectUnavailableAsync(await TimedAsync(() => client.GetAsync($"/v1/portfolios/{id}/risk")));
            await ExpectUnavailableAsync(await TimedAsync(() => client.GetAsync("/v1/instruments/EQ.AAA/price")));
            // What does not need the cache is unaffected.
            await (await client.GetAsync($"/v1/portfolios/{id}")).ExpectAsync(HttpStatusCode.OK);
        }
        catch
        {
            ShowApiErrors();
            throw;
        }
        finally
        {
            stack.Redis.Thaw();
        }

        Assert.True(await EventuallyAsync(async () => (await client.GetAsync($"/v1/portfolios/{id}/risk")).StatusCode == HttpStatusCode.NotFound),
            "reads of the cache did not recover after Redis resumed");
    }

    // What the Api logged, when a test fails: the exception behind an unexpected answer.
    private void ShowApiErrors() =>
        output.WriteLine(string.Join('\n', stack.Api.Output.Split('\n').SkipWhile(line => !line.StartsWith("fail:", StringComparison.Ordinal)).Take(60)));

    private async Task<HttpResponseMessage> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        var response = await send();
        output.WriteLine($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} after {watch.Elapsed.TotalSeconds:0.00} s");
        Assert.True(watch.Elapsed < Bound, $"answered after {watch.Elapsed.TotalSeconds:0.0} s; a hung dependency must cost less than {Bound.TotalSeconds} s");
        return response;
    }

    private static async Task ExpectUnavailableAsync(HttpResponseMessage response)
    {
        var problem = await response.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to retry");
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        return false;
    }
}
