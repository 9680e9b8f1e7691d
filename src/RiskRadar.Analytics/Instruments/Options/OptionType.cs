namespace RiskRadar.Analytics.Instruments.Options;

public enum OptionType
{
    Call = 0,
    Put = 1,
}
