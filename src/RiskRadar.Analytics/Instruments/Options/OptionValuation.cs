namespace RiskRadar.Analytics.Instruments.Options;

/// <summary>
/// Price and greeks with QuantLib's AnalyticEuropeanEngine units: vega per 1.00 of volatility, theta per year
/// (the calendar-time derivative, negative for decay), rho per 1.00 of the risk-free rate; dividend rho per 1.00 of q.
/// </summary>
public sealed record OptionValuation(double Price, double Delta, double Gamma, double Vega, double Theta, double Rho, double DividendRho);
