using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RiskRadar.StreamProcessor.Pipeline;
using RiskRadar.StreamProcessor.Pipeline.Instruments;

namespace RiskRadar.Benchmarks;

/// <summary>
/// The instrument store's value, written on every tick: source-generated JSON against the binary layout
/// (<see cref="InstrumentBarsCodec"/>), for a state with the current bar and one still within grace.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class InstrumentBarsCodecBenchmarks
{
    private static readonly InstrumentBars State = new()
    {
        LastClosedStart = 1_764_766_790_000,
        LastClose = 101.23456789012345,
        Watermark = 1_764_766_812_345,
        ClosedThrough = 1_764_766_790_000,
        LastPrice = 101.51234567,
        LastTickTime = 1_764_766_812_345,
        LastSequence = 1_234_567,
        BoundaryThrough = 1_764_766_810_000,
        Open =
        [
            new OpenBar { Start = 1_764_766_800_000, Open = 100.0123456, OpenTime = 1_764_766_800_001, High = 102.2512345, Low = 99.5123456, Close = 101.0123456, CloseTime = 1_764_766_809_999, Ticks = 41 },
            new OpenBar { Start = 1_764_766_810_000, Open = 101.0234567, OpenTime = 1_764_766_810_002, High = 101.6234567, Low = 100.9234567, Close = 101.51234567, CloseTime = 1_764_766_812_345, Ticks = 17 },
        ],
    };

    private byte[] _json = [];
    private byte[] _binary = [];

    [GlobalSetup]
    public void Setup()
    {
        _json = JsonSerializer.SerializeToUtf8Bytes(State, PipelineJsonContext.Default.InstrumentBars);
        _binary = InstrumentBarsCodec.Encode(State);
    }

    [Benchmark(Baseline = true, Description = "JSON: write the state")]
    public int JsonWrite() => JsonSerializer.SerializeToUtf8Bytes(State, PipelineJsonContext.Default.InstrumentBars).Length;

    [Benchmark(Description = "Binary: write the state")]
    public int BinaryWrite() => InstrumentBarsCodec.Encode(State).Length;

    [Benchmark(Description = "JSON: read the state")]
    public long JsonRead() => JsonSerializer.Deserialize(_json, PipelineJsonContext.Default.InstrumentBars)!.LastTickTime;

    [Benchmark(Description = "Binary: read the state")]
    public long BinaryRead() => InstrumentBarsCodec.Decode(_binary).LastTickTime;
}
