namespace RiskRadar.Cli.Output;

/// <summary>Basel zone and the binomial probability of at most the observed number of failures.</summary>
internal sealed record TrafficLightReport(string Zone, double CumulativeProbability);
