using RiskRadar.StreamProcessor.ExactlyOnce;

namespace RiskRadar.StreamProcessor.Tests.ExactlyOnce;

public sealed class StateSlotTests
{
    [Fact]
    public void Processes_sharing_a_state_directory_each_hold_their_own_slot_and_a_released_one_is_taken_again()
    {
        var root = Path.Combine(Path.GetTempPath(), $"riskradar-slots-{Guid.NewGuid():N}");
        try
        {
            using var first = StateSlot.Acquire(root);
            var second = StateSlot.Acquire(root);
            Assert.NotEqual(first.Directory, second.Directory);
            Assert.Equal(Path.Combine(root, "slot-0"), first.Directory);

            second.Dispose(); // its process ended
            using var third = StateSlot.Acquire(root);
            Assert.Equal(second.Directory, third.Directory);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
