using RiskRadar.Contracts.Serialization;
using RiskRadar.StreamProcessor.Pipeline;

namespace RiskRadar.StreamProcessor.Tests.Serdes;

/// <summary>The binary layout of book-topic records: exact round trips of each kind, JSON still read, damage refused with a reason.</summary>
public sealed class BookInputCodecTests
{
    public static TheoryData<BookInput> Records => new()
    {
        new BookInput(Boundary: new InstrumentBoundary("EQ.AAPL", 1_796_000_000_000, 1_796_000_030_000, 190.12345678901234, 1_795_999_999_987)),
        new BookInput(Boundary: new InstrumentBoundary("FX.EURUSD", long.MinValue, 1_796_000_000_000, null, long.MinValue, 1.0834999999999999)),
        new BookInput(Change: new HoldingChange("P-1 — café", "EQ.MSFT", -250.5, 42, "tenant-a", "EUR", 410.25, 1_796_000_000_123)),
        new BookInput(Change: new HoldingChange("P2", "CR.BTCUSD", 0, long.MaxValue, "t", "USD", null, long.MinValue)),
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void A_boundary_or_a_change_reads_back_exactly_in_fewer_bytes_than_json(BookInput input)
    {
        var bytes = BookInputCodec.Encode(input);
        Assert.Equal(input, BookInputCodec.Decode(bytes));
        Assert.True(bytes.Length < BookInputCodec.Json.Serialize(input, default).Length, $"{bytes.Length} bytes");
    }

    [Fact]
    public void Live_prices_read_back_exactly()
    {
        var prices = new LivePrices(["EQ.AAPL", "FX.EURUSD", "CR.BTCUSD"], [190.0625, 1.0834999999999999, double.Epsilon], [1, 1_796_000_000_000, long.MaxValue]);
        var read = BookInputCodec.Decode(BookInputCodec.Encode(new BookInput(Prices: prices))).Prices!;
        Assert.Equal(prices.InstrumentIds, read.InstrumentIds);
        Assert.Equal(prices.Prices, read.Prices);
        Assert.Equal(prices.Times, read.Times);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void A_json_record_is_still_read(BookInput input) =>
        Assert.Equal(input, BookInputCodec.Decode(BookInputCodec.Json.Serialize(input, default)));

    [Fact]
    public void Damaged_records_are_refused_as_invalid_events_with_a_reason()
    {
        var bytes = BookInputCodec.Encode(new BookInput(Boundary: new InstrumentBoundary("EQ.AAPL", 0, 10_000, 190, 9_999)));
        Assert.Contains("cut short", Assert.Throws<InvalidEventException>(() => BookInputCodec.Decode(bytes.AsSpan(0, bytes.Length - 3))).Message, StringComparison.Ordinal);
        Assert.Contains("left over", Assert.Throws<InvalidEventException>(() => BookInputCodec.Decode([.. bytes, 0])).Message, StringComparison.Ordinal);
        Assert.Contains("unknown kind 9", Assert.Throws<InvalidEventException>(() => BookInputCodec.Decode([2, 9])).Message, StringComparison.Ordinal);
        var prices = BookInputCodec.Encode(new BookInput(Prices: new LivePrices(["EQ.A"], [1], [2])));
        prices[5] = 0x7f; // a count of two billion in a record of a few bytes
        Assert.Contains("do not fit", Assert.Throws<InvalidEventException>(() => BookInputCodec.Decode(prices)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidEventException>(() => BookInputCodec.Decode("{\"boundary\":"u8));
    }
}
