using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;

namespace RiskRadar.StreamProcessor.Tests.Serdes;

/// <summary>The binary layout of <c>market.prices</c> records: exact round trips, JSON still read, damage refused with a reason.</summary>
public sealed class PriceTickCodecTests
{
    private readonly PriceTickCodec _codec = new();

    public static TheoryData<PriceTick> Ticks => new()
    {
        new PriceTick("EQ.AAPL", 190.12345678901234, new DateTimeOffset(2026, 12, 3, 13, 20, 1, 123, TimeSpan.Zero).AddTicks(4567), 1, "simulator"),
        new PriceTick("FX.EURUSD", double.Epsilon, DateTimeOffset.UnixEpoch, long.MaxValue, "replay"),
        new PriceTick(new string('X', 255), 1e300, new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero), -5, "push — café"),
    };

    [Theory]
    [MemberData(nameof(Ticks))]
    public void A_tick_reads_back_exactly_in_fewer_bytes_than_json(PriceTick tick)
    {
        var bytes = _codec.Serialize(tick, default);
        Assert.Equal(tick, _codec.Deserialize(bytes, false, SerializationContext.Empty));
        Assert.True(bytes.Length < EventSerializers.PriceTick.Serialize(tick, default).Length, $"{bytes.Length} bytes");
    }

    [Fact]
    public void A_json_record_is_still_read()
    {
        var tick = new PriceTick("EQ.MSFT", 410.5, new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), 7, "push");
        Assert.Equal(tick, _codec.Deserialize(EventSerializers.PriceTick.Serialize(tick, default), false, SerializationContext.Empty));
    }

    [Fact]
    public void Damaged_records_are_refused_as_invalid_events_with_a_reason()
    {
        var bytes = _codec.Serialize(new PriceTick("EQ.AAPL", 190, DateTimeOffset.UnixEpoch, 1, "simulator"), default);
        var cut = Assert.Throws<InvalidEventException>(() => _codec.Deserialize(bytes.AsSpan(0, bytes.Length - 3), false, SerializationContext.Empty));
        Assert.Contains("does not match its lengths", cut.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidEventException>(() => _codec.Deserialize(bytes.AsSpan(0, 10), false, SerializationContext.Empty));
        Assert.Throws<InvalidEventException>(() => _codec.Deserialize([0x7f, 1, 2], false, SerializationContext.Empty));
        Assert.Throws<InvalidEventException>(() => _codec.Deserialize([], true, SerializationContext.Empty));
    }
}
