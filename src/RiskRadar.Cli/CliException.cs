namespace RiskRadar.Cli;

/// <summary>Bad input the user can fix: reported as one line on stderr with exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);

/// <summary>A server that failed or refused for a reason the input does not explain: reported on stderr with exit code 1.</summary>
internal sealed class CliRemoteException(string message) : Exception(message);
