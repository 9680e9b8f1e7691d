using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskRadar.Contracts.Caching;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Contracts.Topics;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Pipeline.Live;
using RiskRadar.StreamProcessor.Sinks;
using RiskRadar.StreamProcessor.Tests.Pipeline;

namespace RiskRadar.StreamProcessor.Tests.Live;

/// <summary>
/// The topology under the test driver with the real per-tick path beside it: every tick the driver is given is also
/// written to <c>market.prices</c> on the development broker, which <see cref="LiveValueEngine"/> reads, and the book
/// to watch is registered through <see cref="LiveWatchRegistry"/>, the Api's writer, on a real Redis.
/// </summary>
public sealed class LiveValueEngineTests(BrokerAndRedisFixture servers) : IClassFixture<BrokerAndRedisFixture>, IAsyncLifetime
{
    private readonly PipelineOptions _pipeline = new()
    {
        BarSize = TimeSpan.FromSeconds(10),
        BarGrace = TimeSpan.FromSeconds(2),
        MinScenarios = 3,
    };

    private static readonly LiveValueOptions Live = new()
    {
        MinInterval = TimeSpan.Zero,
        WatchPoll = TimeSpan.FromMilliseconds(100),
    };

    private static readonly Analytics.Scenarios.ScenarioSet Daily = DailyTestHistory.Set(
        DailyTestHistory.Closes(
            new Dictionary<string, double> { ["EQ.A"] = 100, ["EQ.E"] = 50, ["FX.EURUSD"] = 1.08 },
            DateOnly.FromDateTime(PipelineDriver.T0.UtcDateTime),
            days: 45,
            seed: 20261207),
        lookback: 40);

    private readonly Recorder _figures = new();
    private readonly string _p1 = "P1-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _p2 = "P2-" + Guid.NewGuid().ToString("N")[..8];
    private LiveValueEngine _engine = null!;
    private LiveWatchRegistry _watches = null!;
    private IProducer<string, byte[]> _feed = null!;

    public async Task InitializeAsync()
    {
        _watches = new LiveWatchRegistry(servers.Redis, TimeProvider.System);
        _engine = new LiveValueEngine(servers.Kafka, _watches, Analytics.Scenarios.ICurrentScenarioSet.Fixed(Daily), _figures, Options.Create(Live), Options.Create(_pipeline), TimeProvider.System, NullLogger<LiveValueEngine>.Instance);
        _feed = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = servers.BootstrapServers, LingerMs = 0, Partitioner = Confluent.Kafka.Partitioner.Murmur2Random }).Build();
        await _engine.StartAsync(default);
        await _engine.Reading.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        _feed.Dispose();
        await _engine.StopAsync(default);
        _engine.Dispose();
    }

    [Fact]
    public async Task A_watched_book_moves_with_every_tick_between_refreshes_exactly_as_a_refresh_values_it()
    {
        using var driver = Driver();
        // P1 is watched, P2 holds the same and is not: P2's refresh figures are what P1's must equal.
        foreach (var portfolio in new[] { _p1, _p2 })
        {
            driver.Position(portfolio, "EQ.A", 10, baseCurrency: "EUR");
            driver.Position(portfolio, "EQ.E", -40, baseCurrency: "EUR");
        }

        Walk(driver, 0, 12);
        await _watches.WatchAsync(_p1);
        await Until(() => _engine.Watched.Contains(_p1), "the engine to read the watched set");
        driver.AdvanceWallClock(_pipeline.LiveRefresh);
        var first = driver.Provisional.Last(p => p.PortfolioId == _p2);
        var refreshed = await _figures.NextAsync(_p1, f => f.RiskAsOf == first.AsOf, since: 0);
        Assert.DoesNotContain(driver.Provisional, p => p.PortfolioId == _p1); // the engine publishes watched books
        AssertSameValue(first, refreshed);
        Assert.Equal(first.Var99, refreshed.Var99);

        // Ticks and no refresh of the book task: the value, P&L and exposures move at once, the risk within a refresh
        // period, both valued and measured exactly as the book task does at the same prices.
        var twinFigures = driver.Provisional.Count(p => p.PortfolioId == _p2);
        var valued = _figures.NextAsync(_p1, f => f.AsOf == PipelineDriver.T0.AddSeconds(12.25));
        var measured = _figures.NextAsync(_p1, f => f.RiskAsOf == PipelineDriver.T0.AddSeconds(12.25));
        driver.Tick("EQ.A", 12.25, 123.25);
        var afterEquity = await valued;
        Assert.NotEqual(refreshed.MarketValue, afterEquity.MarketValue);
        var riskAfterEquity = await measured;
        Assert.NotEqual(refreshed.Var99, riskAfterEquity.Var99);
        Assert.Equal(afterEquity.MarketValue, riskAfterEquity.MarketValue);

        // An FX move changes the value (a holding's price dates a figure, a pair's does not) and then the risk.
        var fxValued = _figures.NextAsync(_p1, f => f.MarketValue != afterEquity.MarketValue);
        driver.Tick("FX.EURUSD", 12.75, 1.1125);
        var afterFx = await fxValued;
        Assert.Equal(afterEquity.AsOf, afterFx.AsOf);
        var afterFxRisk = await _figures.NextAsync(_p1, f => f.MarketValue == afterFx.MarketValue && f.Var99 != riskAfterEquity.Var99, since: 0);
        Assert.Equal(twinFigures, driver.Provisional.Count(p => p.PortfolioId == _p2));

        // The book task's next refresh at the same prices gives the twin exactly what the engine gave the watched book.
        driver.AdvanceWallClock(_pipeline.LiveRefresh);
        var twin = driver.Provisional.Last(p => p.PortfolioId == _p2);
        AssertSameValue(twin, afterFxRisk);
        Assert.Equal(twin.Var95, afterFxRisk.Var95);
        Assert.Equal(twin.Var99, afterFxRisk.Var99);
        Assert.Equal(twin.Es975, afterFxRisk.Es975);
        Assert.Equal(twin.Volatility, afterFxRisk.Volatility);
        Assert.Equal(twin.AsOf, afterFxRisk.RiskAsOf);
    }

    [Fact]
    public async Task A_book_nobody_watches_gets_no_figure_between_refreshes_and_a_closed_task_forgets_its_books()
    {
        var driver = Driver();
        driver.Position(_p1, "EQ.A", 10);
        driver.Position(_p2, "EQ.A", 20);
        Walk(driver, 0, 12);
        await _watches.WatchAsync(_p1);
        await Until(() => _engine.Watched.Contains(_p1), "the engine to read the watched set");
        var next = _figures.NextAsync(_p1);
        driver.AdvanceWallClock(_pipeline.LiveRefresh);
        await next;

        next = _figures.NextAsync(_p1, f => f.AsOf == PipelineDriver.T0.AddSeconds(12.25));
        var measured = _figures.NextAsync(_p1, f => f.RiskAsOf == PipelineDriver.T0.AddSeconds(12.25));
        driver.Tick("EQ.A", 12.25, 99.5);
        var moved = await next;
        Assert.Equal(10 * 99.5, moved.MarketValue, 9);
        await measured;
        Assert.DoesNotContain(_figures.All, f => f.PortfolioId == _p2);

        // The task closes (its partition moves away): a price after that moves nothing here.
        driver.Dispose();
        await Task.Delay(TimeSpan.FromMilliseconds(100)); // the engine's next pass takes the book off
        var published = _figures.All.Count;
        Feed(new PriceTick("EQ.A", 101, PipelineDriver.T0.AddSeconds(13), 99, "test"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(published, _figures.All.Count);
    }

    private PipelineDriver Driver()
    {
        var driver = new PipelineDriver(_pipeline, Daily, live: _engine, feed: Feed);
        driver.Reference("EQ.A", AssetClasses.Equity, "USD");
        driver.Reference("EQ.E", AssetClasses.Equity, "EUR");
        driver.Reference("FX.EURUSD", AssetClasses.Fx, "USD");
        return driver;
    }

    /// <summary>Writes the tick to the broker as the feed does, and waits until it is there.</summary>
    private void Feed(PriceTick tick)
    {
        _feed.Produce(KafkaTopics.MarketPrices, new Message<string, byte[]> { Key = tick.InstrumentId, Value = EventSerializers.PriceTickRecord.Serialize(tick, default) });
        _feed.Flush(TimeSpan.FromSeconds(10));
    }

    private static void Walk(PipelineDriver driver, int fromSecond, int toSecond)
    {
        var random = new Random(fromSecond + 11);
        var prices = new Dictionary<string, double> { ["EQ.A"] = 100, ["EQ.E"] = 50, ["FX.EURUSD"] = 1.08 };
        for (var s = fromSecond; s < toSecond; s++)
        {
            foreach (var id in prices.Keys.ToList())
            {
                prices[id] *= Math.Exp(0.004 * ((random.NextDouble() * 2) - 1));
                driver.Tick(id, s + 0.5, prices[id]);
            }
        }
    }

    /// <summary>Everything a tick moves, compared exactly (the same valuation code on the same prices).</summary>
    private static void AssertSameValue(ProvisionalRisk expected, ProvisionalRisk actual)
    {
        Assert.Equal(expected.AsOf, actual.AsOf);
        Assert.Equal(expected.MarketValue, actual.MarketValue);
        Assert.Equal(expected.Pnl, actual.Pnl);
        Assert.Equal(expected.Since, actual.Since);
        Assert.Equal(expected.GrossExposure, actual.GrossExposure);
        Assert.Equal(expected.NetExposure, actual.NetExposure);
        Assert.Equal(expected.ExposureByAssetClass, actual.ExposureByAssetClass);
        Assert.Equal(expected.Positions, actual.Positions);
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 10 s for {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>What the engine published, from its own thread.</summary>
    private sealed class Recorder : IProvisionalRiskSink
    {
        private readonly ConcurrentQueue<ProvisionalRisk> _all = new();

        public IReadOnlyList<ProvisionalRisk> All => [.. _all];

        public void Publish(IReadOnlyList<ProvisionalRisk> figures)
        {
            foreach (var figure in figures)
            {
                _all.Enqueue(figure);
            }
        }

        /// <summary>The first figure of the portfolio (matching <paramref name="match"/>) published from now on, or since the <paramref name="since"/>th figure.</summary>
        public async Task<ProvisionalRisk> NextAsync(string portfolioId, Func<ProvisionalRisk, bool>? match = null, int? since = null)
        {
            var seen = since ?? _all.Count;
            ProvisionalRisk? found = null;
            await Until(() => (found = All.Skip(seen).FirstOrDefault(f => f.PortfolioId == portfolioId && (match?.Invoke(f) ?? true))) is not null, $"a figure of {portfolioId}");
            return found!;
        }
    }
}
