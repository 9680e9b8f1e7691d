using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Streamiz.Kafka.Net.State;

namespace RiskRadar.StreamProcessor.Pipeline;

/// <summary>
/// Write-through object cache over a changelogged byte store. Every change still goes to the store (and so to its
/// changelog, inside the task's transaction); the cache only saves deserialising on reads. It lives as long as the
/// processor instance, which Streamiz recreates when a task is restored, so it never outlives the store's contents.
/// </summary>
internal sealed class CachedStateStore(IKeyValueStore<string, byte[]> store)
{
    private readonly Dictionary<string, object?> _cache = new(StringComparer.Ordinal);

    public T? Get<T>(string key, JsonTypeInfo<T> type)
        where T : class
    {
        if (_cache.TryGetValue(key, out var cached))
        {
            return (T?)cached;
        }

        var bytes = store.Get(key);
        var value = bytes is null ? null : JsonSerializer.Deserialize(bytes, type);
        _cache[key] = value;
        return value;
    }

    public void Put<T>(string key, T value, JsonTypeInfo<T> type)
        where T : class
    {
        _cache[key] = value;
        store.Put(key, JsonSerializer.SerializeToUtf8Bytes(value, type));
    }

    public void Delete(string key)
    {
        _cache[key] = null;
        store.Delete(key);
    }
}
