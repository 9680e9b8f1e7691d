namespace RiskRadar.Analytics.Backtesting;

/// <summary>Basel traffic-light zone of a VaR model's exception count.</summary>
public enum TrafficLightZone
{
    Green = 0,
    Yellow = 1,
    Red = 2,
}
