namespace RiskRadar.Cli.Output;

/// <summary>Output of 'price option' (QuantLib units: vega and rho per 1.00, theta per year).</summary>
internal sealed record OptionReport(double Price, double Delta, double Gamma, double Vega, double Theta, double Rho);
