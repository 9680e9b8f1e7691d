using Streamiz.Kafka.Net.State;

namespace RiskRadar.StreamProcessor.Pipeline;

/// <summary>
/// Write-through object cache over a changelogged byte store. Every change still goes to the store (and so to its
/// changelog, inside the task's transaction); the cache only saves decoding on reads. It lives as long as the
/// processor instance, which Streamiz recreates when a task is restored, so it never outlives the store's contents.
/// </summary>
internal sealed class CachedStateStore<T>(IKeyValueStore<string, byte[]> store, Func<byte[], T> decode, Func<T, byte[]> encode)
    where T : class
{
    private readonly Dictionary<string, T?> _cache = new(StringComparer.Ordinal);

    public T? Get(string key)
    {
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var bytes = store.Get(key);
        var value = bytes is null ? null : decode(bytes);
        _cache[key] = value;
        return value;
    }

    public void Put(string key, T value)
    {
        _cache[key] = value;
        store.Put(key, encode(value));
    }

    public void Delete(string key)
    {
        _cache[key] = null;
        store.Delete(key);
    }
}
