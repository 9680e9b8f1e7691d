namespace RiskRadar.Analytics.Backtesting;

/// <summary>Counts of consecutive failure-indicator pairs: Nij = #{t : I[t−1] = i, I[t] = j}.</summary>
public readonly record struct TransitionCounts(int N00, int N01, int N10, int N11)
{
    public static TransitionCounts FromIndicators(ReadOnlySpan<bool> failures)
    {
        int n00 = 0, n01 = 0, n10 = 0, n11 = 0;
        for (int t = 1; t < failures.Length; t++)
        {
            switch ((failures[t - 1], failures[t]))
            {
                case (false, false): n00++; break;
                case (false, true): n01++; break;
                case (true, false): n10++; break;
                default: n11++; break;
            }
        }

        return new TransitionCounts(n00, n01, n10, n11);
    }
}
