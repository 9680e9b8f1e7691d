using StackExchange.Redis;

namespace RiskRadar.Contracts.Caching;

/// <summary>A live-channel subscription of one of the caches; disposing it unsubscribes.</summary>
internal sealed class ChannelSubscription(ChannelMessageQueue queue) : IAsyncDisposable
{
    public static async Task<IAsyncDisposable> StartAsync(IConnectionMultiplexer redis, RedisChannel channel, Action<byte[]> onUpdate)
    {
        ArgumentNullException.ThrowIfNull(onUpdate);
        var queue = await redis.GetSubscriber().SubscribeAsync(channel);
        queue.OnMessage(message => onUpdate((byte[])message.Message!));
        return new ChannelSubscription(queue);
    }

    public async ValueTask DisposeAsync() => await queue.UnsubscribeAsync();
}
