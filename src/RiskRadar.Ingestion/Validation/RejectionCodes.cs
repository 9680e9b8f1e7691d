namespace RiskRadar.Ingestion.Validation;

/// <summary>The reason codes in the <c>dlq.reason</c> header ("&lt;code&gt;: &lt;detail&gt;") and the metric tag.</summary>
public static class RejectionCodes
{
    public const string UnknownInstrument = "unknown-instrument";

    /// <summary>A price for an option, future or bond: those are valued from their terms, not from a price feed.</summary>
    public const string NotPriced = "not-priced";
    public const string NaN = "nan";

    /// <summary>A quote outside what its kind allows (a zero rate beyond ±100 %).</summary>
    public const string OutOfRange = "out-of-range";
    public const string NonPositive = "non-positive";
    public const string Stale = "stale";
    public const string Future = "future";
    public const string OutOfOrder = "out-of-order";
    public const string JumpOutlier = "jump-outlier";
    public const string Duplicate = "duplicate";

    /// <summary>Input that could not be read as a tick at all (a bad CSV row).</summary>
    public const string Malformed = "malformed";
}
