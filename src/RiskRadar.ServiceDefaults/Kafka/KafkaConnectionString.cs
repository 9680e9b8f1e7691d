namespace RiskRadar.ServiceDefaults.Kafka;

/// <summary>
/// Reads the <c>kafka</c> connection string: either a bare bootstrap list (<c>host:port[,host:port]</c>)
/// or the key/value form <c>BootstrapServers=host:port;...</c> used by some Aspire resources.
/// </summary>
public static class KafkaConnectionString
{
    public static string Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!connectionString.Contains('='))
        {
            return connectionString.Trim();
        }

        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=');
            if (separator > 0 && part[..separator].Trim().Equals("BootstrapServers", StringComparison.OrdinalIgnoreCase))
            {
                return part[(separator + 1)..].Trim();
            }
        }

        throw new FormatException("The kafka connection string has no BootstrapServers entry.");
    }
}
