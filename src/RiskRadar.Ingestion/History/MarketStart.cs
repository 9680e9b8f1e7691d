namespace RiskRadar.Ingestion.History;

/// <summary>
/// The prices the simulator starts from: each instrument's last stored daily close, known once the default history
/// is in place, so the simulated market continues the history instead of jumping back to the universe file's prices.
/// </summary>
public sealed class MarketStart
{
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, double>> _prices = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyDictionary<string, double>> Prices => _prices.Task;

    internal void Set(IReadOnlyDictionary<string, double> prices) => _prices.TrySetResult(prices);
}
