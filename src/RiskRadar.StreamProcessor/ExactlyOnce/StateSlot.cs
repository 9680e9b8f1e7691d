namespace RiskRadar.StreamProcessor.ExactlyOnce;

/// <summary>
/// This process's own directory under the configured state directory: the first <c>slot-N</c> no live process
/// holds, locked for the life of the process.
/// </summary>
/// <remarks>
/// Replicas started with the same settings (the AppHost's <c>StreamProcessorReplicas</c>, several on one machine)
/// each get one, so none takes another's recorded transactional ids for a predecessor's and fences a live
/// producer (<see cref="PredecessorFencing"/>). The lock is the operating system's (an exclusive open), so a slot
/// whose process died is free at once, and the next process to take it fences what that one left open.
/// </remarks>
internal sealed class StateSlot : IDisposable
{
    private const int MaxSlots = 64;
    private readonly FileStream _lock;

    private StateSlot(string directory, FileStream held) => (Directory, _lock) = (directory, held);

    public string Directory { get; }

    public static StateSlot Acquire(string root)
    {
        System.IO.Directory.CreateDirectory(root);
        for (var slot = 0; slot < MaxSlots; slot++)
        {
            var directory = Path.Combine(root, $"slot-{slot}");
            System.IO.Directory.CreateDirectory(directory);
            try
            {
                var held = new FileStream(Path.Combine(directory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new StateSlot(directory, held);
            }
            catch (IOException)
            {
                // Held by a live process: try the next.
            }
        }

        throw new InvalidOperationException(
            $"All {MaxSlots} state slots under '{root}' are held by running stream processors; give this one its own StreamProcessor:StateDirectory.");
    }

    public void Dispose() => _lock.Dispose();
}
