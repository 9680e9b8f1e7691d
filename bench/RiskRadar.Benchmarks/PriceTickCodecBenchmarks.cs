using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using RiskRadar.Contracts.Events;
using RiskRadar.Contracts.Serialization;

namespace RiskRadar.Benchmarks;

/// <summary>
/// A <c>market.prices</c> record written and read back: the source-generated JSON against the binary layout
/// (<see cref="PriceTickCodec"/>). The bytes of each are in the descriptions' companion figures (docs/benchmarks.md).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class PriceTickCodecBenchmarks
{
    private static readonly PriceTick Tick = new("EQ.L0123", 101.23456789, new DateTimeOffset(2026, 12, 3, 13, 20, 1, 123, TimeSpan.Zero), 1_234_567, "simulator");
    private readonly PriceTickCodec _binary = new();
    private byte[] _json = [];
    private byte[] _packed = [];

    [GlobalSetup]
    public void Setup()
    {
        _json = EventSerializers.PriceTick.Serialize(Tick, default);
        _packed = _binary.Serialize(Tick, default);
    }

    [Benchmark(Baseline = true, Description = "JSON: serialise a tick")]
    public int JsonWrite() => EventSerializers.PriceTick.Serialize(Tick, default).Length;

    [Benchmark(Description = "Binary: serialise a tick")]
    public int BinaryWrite() => _binary.Serialize(Tick, default).Length;

    [Benchmark(Description = "JSON: deserialise a tick")]
    public double JsonRead() => EventSerializers.PriceTick.Deserialize(_json, false, SerializationContext.Empty).Price;

    [Benchmark(Description = "Binary: deserialise a tick")]
    public double BinaryRead() => _binary.Deserialize(_packed, false, SerializationContext.Empty).Price;
}
