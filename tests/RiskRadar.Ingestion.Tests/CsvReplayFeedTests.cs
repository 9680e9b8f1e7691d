using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskRadar.Ingestion.Feeds;
using RiskRadar.Ingestion.Replay;
using RiskRadar.Ingestion.Tests.Support;
using RiskRadar.Ingestion.Validation;

namespace RiskRadar.Ingestion.Tests;

public sealed class CsvReplayFeedTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("replay-").FullName;
    private readonly RecordingDeadLetterSink _deadLetters = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("max")]
    [InlineData("0")]
    public async Task At_max_speed_every_row_comes_in_file_order_without_waiting(string speed)
    {
        var time = new SteppingTimeProvider(Start);
        var ticks = await ReplayAsync("""
            timestamp,instrument,price,sequence
            2025-01-31T14:30:00Z,AAPL,190.10,1
            2025-01-31T14:30:10Z,MSFT,410.5,1
            2025-01-31T14:31:00.250Z,AAPL,190.2,2
            """, speed, time);

        Assert.Equal(["AAPL", "MSFT", "AAPL"], ticks.Select(t => t.Instrument));
        Assert.Equal([190.10, 410.5, 190.2], ticks.Select(t => t.Price));
        Assert.Equal([1L, 1, 2], ticks.Select(t => t.Sequence));
        Assert.All(ticks, t => Assert.Equal(CsvReplayFeed.SourceName, t.Source));
        Assert.Empty(time.Delays);
        Assert.Empty(_deadLetters.Letters);
    }

    [Fact]
    public async Task A_bad_row_is_dead_lettered_and_the_replay_goes_on()
    {
        var ticks = await ReplayAsync("""
            timestamp,instrument,price
            2025-01-31T14:30:00Z,AAPL,190.10
            yesterday,AAPL,190.3
            2025-01-31T14:30:01Z,AAPL,abc

            2025-01-31T14:30:02Z,AAPL
            2025-01-31T14:30:03Z,AAPL,190.4
            """, "max", new SteppingTimeProvider(Start));

        Assert.Equal([190.10, 190.4], ticks.Select(t => t.Price));
        // Without a sequence column the data row number is the sequence.
        Assert.Equal([1L, 5], ticks.Select(t => t.Sequence));

        var letters = _deadLetters.Letters.ToList();
        Assert.Equal(3, letters.Count);
        Assert.All(letters, l => Assert.Equal(RejectionCodes.Malformed, l.Code));
        Assert.Equal("yesterday,AAPL,190.3", letters[0].Payload);
        Assert.Equal("AAPL", letters[0].Key);
        Assert.Contains("line 3", letters[0].Detail, StringComparison.Ordinal);
        Assert.Contains("timestamp", letters[0].Detail, StringComparison.Ordinal);
        Assert.Contains("price 'abc'", letters[1].Detail, StringComparison.Ordinal);
        Assert.Contains("line 6", letters[2].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_speed_100_the_waits_are_the_timestamp_gaps_divided_by_100_and_ticks_are_restamped()
    {
        var time = new SteppingTimeProvider(Start);
        var ticks = await ReplayAsync("""
            timestamp,instrument,price
            2025-01-31T14:30:00Z,AAPL,190.10
            2025-01-31T14:30:10Z,AAPL,190.2
            2025-01-31T14:30:10Z,MSFT,410
            2025-01-31T14:31:40Z,AAPL,190.3
            """, "100", time);

        Assert.Equal(4, ticks.Count);
        Assert.Equal([TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(0.9)], time.Delays);
        Assert.Equal([Start, Start.AddSeconds(0.1), Start.AddSeconds(0.1), Start.AddSeconds(1)], ticks.Select(t => t.Timestamp));
    }

    [Fact]
    public async Task Without_rebasing_the_files_timestamps_are_kept()
    {
        var ticks = await ReplayAsync("""
            timestamp,instrument,price
            2025-01-31T15:30:00+01:00,AAPL,190.10
            """, "max", new SteppingTimeProvider(Start), rebase: false);

        Assert.Equal(new DateTimeOffset(2025, 1, 31, 14, 30, 0, TimeSpan.Zero), Assert.Single(ticks).Timestamp);
    }

    [Fact]
    public async Task A_file_without_the_expected_header_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReplayAsync("time,symbol,px\n2025-01-31T14:30:00Z,AAPL,1\n", "max", new SteppingTimeProvider(Start)));

        Assert.Contains("timestamp,instrument,price[,sequence]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("2.5", true)]
    [InlineData("MAX", true)]
    [InlineData("fast", false)]
    [InlineData("-1", false)]
    public void Speed_is_a_non_negative_number_or_max(string speed, bool valid) =>
        Assert.Equal(valid, ReplayOptions.TryParseSpeed(speed, out _));

    private async Task<List<RawTick>> ReplayAsync(string csv, string speed, TimeProvider time, bool rebase = true)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "ticks.csv"), csv);
        var options = Options.Create(new ReplayOptions { Enabled = true, Path = "ticks.csv", Speed = speed, RebaseTimestamps = rebase });
        var environment = new HostingEnvironment { ContentRootPath = _directory };
        var feed = new CsvReplayFeed(options, environment, time, _deadLetters, NullLogger<CsvReplayFeed>.Instance);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var ticks = new List<RawTick>();
        await foreach (var tick in feed.ReadAsync(timeout.Token))
        {
            ticks.Add(tick);
        }

        return ticks;
    }
}
