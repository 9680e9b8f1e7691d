using System.Text;

namespace RiskRadar.StreamProcessor.Pipeline;

/// <summary>
/// Which partition of the book topic a portfolio's book lives on. The instrument tasks choose it themselves (a
/// boundary goes to every partition, so they must know the count), with a hash that is the same in every process
/// and on every run: FNV-1a over the portfolio id's UTF-8 bytes.
/// </summary>
public static class BookPartitions
{
    public static int Of(string portfolioId, int partitions)
    {
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(portfolioId.Length, 256))];
        var bytes = portfolioId.Length <= 256 ? buffer[..Encoding.UTF8.GetBytes(portfolioId, buffer)] : Encoding.UTF8.GetBytes(portfolioId);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }
}
