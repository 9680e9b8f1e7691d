using System.Text.Json;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Pipeline.Instruments;

namespace RiskRadar.StreamProcessor.Tests.Serdes;

/// <summary>The instrument store's binary values: exact round trips, the JSON an older store holds still read, damage refused.</summary>
public sealed class InstrumentBarsCodecTests
{
    private static InstrumentBars Trading() => new()
    {
        LastClosedStart = 1_764_766_800_000,
        LastClose = 101.23456789012345,
        Watermark = 1_764_766_812_345,
        ClosedThrough = 1_764_766_810_000,
        LastPrice = 101.5,
        LastTickTime = 1_764_766_812_345,
        LastSequence = 9_876_543_210,
        BoundaryThrough = 1_764_766_810_000,
        Open =
        [
            new OpenBar { Start = 1_764_766_800_000, Open = 100, OpenTime = 1_764_766_800_001, High = 102.25, Low = 99.5, Close = 101, CloseTime = 1_764_766_809_999, Ticks = 41 },
            new OpenBar { Start = 1_764_766_810_000, Open = -0.0, OpenTime = 1_764_766_810_002, High = double.MaxValue, Low = double.Epsilon, Close = 101.5, CloseTime = 1_764_766_812_345, Ticks = int.MaxValue },
        ],
    };

    public static TheoryData<string> States => ["trading", "new", "without closes"];

    private static InstrumentBars State(string name) => name switch
    {
        "trading" => Trading(),
        "new" => new InstrumentBars(),
        _ => new InstrumentBars { LastPrice = 7, LastTickTime = 5, Watermark = 5, Open = [new OpenBar { Start = 0, Open = 7, High = 7, Low = 7, Close = 7, Ticks = 1 }] },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void A_state_reads_back_exactly_in_fewer_bytes_than_json(string name)
    {
        var state = State(name);
        var bytes = InstrumentBarsCodec.Encode(state);

        Assert.Equal(Json(state), Json(InstrumentBarsCodec.Decode(bytes)));
        Assert.True(bytes.Length < JsonSerializer.SerializeToUtf8Bytes(state, PipelineJsonContext.Default.InstrumentBars).Length, $"{bytes.Length} bytes");
    }

    [Fact]
    public void Absent_values_stay_absent_and_zero_stays_zero()
    {
        var absent = InstrumentBarsCodec.Decode(InstrumentBarsCodec.Encode(new InstrumentBars()));
        var zero = InstrumentBarsCodec.Decode(InstrumentBarsCodec.Encode(new InstrumentBars { LastClosedStart = 0, LastClose = 0, LastPrice = 0 }));

        Assert.Equal((null, null, null), (absent.LastClosedStart, absent.LastClose, absent.LastPrice));
        Assert.Equal((0L, 0.0, 0.0), (zero.LastClosedStart, zero.LastClose, zero.LastPrice));
        Assert.Equal((long.MinValue, long.MinValue, long.MinValue), (absent.Watermark, absent.ClosedThrough, absent.BoundaryThrough));
    }

    [Fact]
    public void The_json_an_older_store_holds_is_still_read()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(Trading(), PipelineJsonContext.Default.InstrumentBars);

        Assert.Equal(Json(Trading()), Json(InstrumentBarsCodec.Decode(json)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(66)]
    public void A_value_cut_short_or_of_another_layout_is_refused(int keep)
    {
        var bytes = InstrumentBarsCodec.Encode(Trading());

        Assert.Throws<InvalidDataException>(() => InstrumentBarsCodec.Decode(bytes.AsSpan(0, keep)));
        Assert.Throws<InvalidDataException>(() => InstrumentBarsCodec.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        bytes[0] = 2;
        Assert.Throws<InvalidDataException>(() => InstrumentBarsCodec.Decode(bytes));
    }

    private static string Json(InstrumentBars bars) => JsonSerializer.Serialize(bars, PipelineJsonContext.Default.InstrumentBars);
}
