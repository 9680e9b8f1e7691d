namespace RiskRadar.Cli.Output;

/// <summary>
/// Output of 'price bond': prices and accrued per 100 face; DV01 per 100 face per basis point with the market sign
/// (positive: what a long position loses for +1 bp) and QuantLib's signed basis-point value beside it.
/// </summary>
internal sealed record BondReport(
    double CleanPrice,
    double DirtyPrice,
    double AccruedInterest,
    double Yield,
    double MacaulayDuration,
    double ModifiedDuration,
    double Convexity,
    double Dv01,
    double BasisPointValue);
