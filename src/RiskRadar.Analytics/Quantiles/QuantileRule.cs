namespace RiskRadar.Analytics.Quantiles;

/// <summary>How a loss quantile is read off a finite sample.</summary>
public enum QuantileRule
{
    /// <summary>Linear interpolation between order statistics (R type 7, numpy's default): h = (n−1)c.</summary>
    Linear = 0,

    /// <summary>Basel order statistic: the k-th largest loss with k = ⌈n(1−c)⌉ (e.g. the 3rd largest of 250 at 99%).</summary>
    BaselOrderStatistic = 1,
}
