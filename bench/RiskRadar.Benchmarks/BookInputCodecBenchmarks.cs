using BenchmarkDotNet.Attributes;
using RiskRadar.StreamProcessor.Pipeline;

namespace RiskRadar.Benchmarks;

/// <summary>
/// Book-topic records written and read back, the source-generated JSON against the binary layout
/// (<see cref="BookInputCodec"/>): a boundary record (written once per instrument, step and book partition) and a
/// live-price batch of 84 instruments (one instrument task's share of 500 every 100 ms).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class BookInputCodecBenchmarks
{
    private static readonly BookInput Boundary = new(Boundary: new InstrumentBoundary("EQ.L0123", 1_796_000_000_000, 1_796_000_000_000, 101.23456789, 1_795_999_999_987));

    private static readonly BookInput Prices = new(Prices: new LivePrices(
        [.. Enumerable.Range(0, 84).Select(i => $"EQ.L{i * 6:D4}")],
        [.. Enumerable.Range(0, 84).Select(i => 100 + (i * 0.0123456789))],
        [.. Enumerable.Range(0, 84).Select(i => 1_796_000_000_000L + i)]));

    private byte[] _boundaryJson = [], _boundaryBinary = [], _pricesJson = [], _pricesBinary = [];

    [GlobalSetup]
    public void Setup()
    {
        (_boundaryJson, _boundaryBinary) = (BookInputCodec.Json.Serialize(Boundary, default), BookInputCodec.Encode(Boundary));
        (_pricesJson, _pricesBinary) = (BookInputCodec.Json.Serialize(Prices, default), BookInputCodec.Encode(Prices));
    }

    [Benchmark(Baseline = true, Description = "JSON: serialise a boundary")]
    public int JsonWriteBoundary() => BookInputCodec.Json.Serialize(Boundary, default).Length;

    [Benchmark(Description = "Binary: serialise a boundary")]
    public int BinaryWriteBoundary() => BookInputCodec.Encode(Boundary).Length;

    [Benchmark(Description = "JSON: deserialise a boundary")]
    public long JsonReadBoundary() => BookInputCodec.Decode(_boundaryJson).Boundary!.Through;

    [Benchmark(Description = "Binary: deserialise a boundary")]
    public long BinaryReadBoundary() => BookInputCodec.Decode(_boundaryBinary).Boundary!.Through;

    [Benchmark(Description = "JSON: serialise 84 live prices")]
    public int JsonWritePrices() => BookInputCodec.Json.Serialize(Prices, default).Length;

    [Benchmark(Description = "Binary: serialise 84 live prices")]
    public int BinaryWritePrices() => BookInputCodec.Encode(Prices).Length;

    [Benchmark(Description = "JSON: deserialise 84 live prices")]
    public int JsonReadPrices() => BookInputCodec.Decode(_pricesJson).Prices!.Times.Length;

    [Benchmark(Description = "Binary: deserialise 84 live prices")]
    public int BinaryReadPrices() => BookInputCodec.Decode(_pricesBinary).Prices!.Times.Length;
}
