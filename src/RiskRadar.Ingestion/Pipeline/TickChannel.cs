using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RiskRadar.Ingestion.Feeds;

namespace RiskRadar.Ingestion.Pipeline;

/// <summary>
/// The one bounded channel every feed and the push API write into. Writers wait when it is full
/// (<see cref="BoundedChannelFullMode.Wait"/>): back-pressure reaches the feed instead of ticks being dropped.
/// </summary>
public sealed class TickChannel(IOptions<ChannelOptions> options)
{
    private readonly Channel<RawTick> _channel = Channel.CreateBounded<RawTick>(new BoundedChannelOptions(options.Value.Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = false,
    });

    public ChannelWriter<RawTick> Writer => _channel.Writer;

    public ChannelReader<RawTick> Reader => _channel.Reader;
}
