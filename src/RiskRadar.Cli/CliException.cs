namespace RiskRadar.Cli;

/// <summary>Bad input the user can fix: reported as one line on stderr with exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
