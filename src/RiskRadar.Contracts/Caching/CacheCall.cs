using StackExchange.Redis;

namespace RiskRadar.Contracts.Caching;

/// <summary>One place for how a cache read that never answered is reported.</summary>
internal static class CacheCall
{
    /// <summary>
    /// StackExchange.Redis ends the commands of a connection it gives up on (a hung server) with a bare
    /// <see cref="TaskCanceledException"/>. No token is passed to these reads, so that is the cache not answering, not
    /// the caller cancelling: it is reported as a connection failure, which the services map to 503.
    /// </summary>
    public static async Task<T> ReadAsync<T>(Task<T> read)
    {
        try
        {
            return await read;
        }
        catch (TaskCanceledException ex)
        {
            throw new RedisConnectionException(ConnectionFailureType.SocketFailure, "The cache did not answer.", ex);
        }
    }
}
