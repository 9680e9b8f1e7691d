using System.Net;
using System.Net.Http.Json;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Instruments;
using StackExchange.Redis;

namespace RiskRadar.Api.Tests;

/// <summary>Curves and volatility surfaces through the gateway, from the master's factors and the price cache's writer.</summary>
[Collection(ApiStackCollection.Name)]
public sealed class MarketTests(ApiStack stack)
{
    [Fact]
    public async Task A_curve_reads_back_its_pillars_zero_rates_from_their_zero_coupon_prices_shortest_first()
    {
        using var admin = stack.Client(role: "admin");
        foreach (var tenor in new[] { "10Y", "6M", "2Y" })
        {
            await (await admin.PostAsJsonAsync("/v1/instruments", new
            {
                instrumentId = $"IR.CHF.{tenor}",
                symbol = $"CHF ZERO {tenor}",
                assetClass = "FixedIncome",
                currency = "CHF",
                priceScale = 1.0,
                kind = "Rate",
                rate = new { curve = "CHF", tenor },
            })).ExpectAsync(HttpStatusCode.Created);
        }

        // The 2Y pillar has no level yet: it is left out rather than shown as zero.
        var now = DateTimeOffset.UtcNow;
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString))
        {
            await new LatestPriceCache(redis).WriteAsync([
                new PriceTick("IR.CHF.10Y", ZeroCouponQuotes.Price(0.0085, 10), now, 1, "test"),
                new PriceTick("IR.CHF.6M", ZeroCouponQuotes.Price(-0.0010, 0.5), now, 1, "test"),
            ]);
        }

        using var viewer = stack.Client(role: "viewer");
        var curve = await (await viewer.GetAsync("/v1/market/curves/CHF")).ExpectAsync(HttpStatusCode.OK);
        var pillars = curve["pillars"]!.AsArray();
        Assert.Equal(["6M", "10Y"], pillars.Select(p => p!["tenor"]!.GetValue<string>()));
        Assert.Equal(-0.0010, pillars[0]!["zeroRate"]!.GetValue<double>(), 12);
        Assert.Equal(0.0085, pillars[1]!["zeroRate"]!.GetValue<double>(), 12);
        Assert.Equal(Math.Exp(-0.0085 * 10), pillars[1]!["discountFactor"]!.GetValue<double>(), 12);
        Assert.Equal("live", pillars[1]!["source"]!.GetValue<string>());

        await (await viewer.GetAsync("/v1/market/curves/JPY")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await viewer.GetAsync("/v1/market/curves/chf")).ExpectProblemAsync(HttpStatusCode.BadRequest, "currency");
    }

    [Fact]
    public async Task A_volatility_surface_lists_its_nodes_by_tenor_then_moneyness()
    {
        using var admin = stack.Client(role: "admin");
        foreach (var (tenor, moneyness) in new[] { ("3M", 1.1), ("1M", 1.0), ("3M", 0.9) })
        {
            var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"VOL.CCC.{tenor}.{moneyness:0.0}");
            await (await admin.PostAsJsonAsync("/v1/instruments", new
            {
                instrumentId = id,
                symbol = id,
                assetClass = "Volatility",
                currency = "EUR",
                priceScale = 1.0,
                kind = "Volatility",
                volatility = new { underlying = "EQ.CCC", tenor, moneyness },
            })).ExpectAsync(HttpStatusCode.Created);
        }

        await using (var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString))
        {
            var now = DateTimeOffset.UtcNow;
            await new LatestPriceCache(redis).WriteAsync([
                new PriceTick("VOL.CCC.3M.1.1", 0.21, now, 1, "test"), new PriceTick("VOL.CCC.1M.1.0", 0.24, now, 1, "test"), new PriceTick("VOL.CCC.3M.0.9", 0.27, now, 1, "test"),
            ]);
        }

        using var viewer = stack.Client(role: "viewer");
        var surface = await (await viewer.GetAsync("/v1/market/volatility/EQ.CCC")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([0.24, 0.27, 0.21], surface["nodes"]!.AsArray().Select(n => n!["volatility"]!.GetValue<double>()));
        await (await viewer.GetAsync("/v1/market/volatility/EQ.AAA")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
