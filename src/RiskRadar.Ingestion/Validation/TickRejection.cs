namespace RiskRadar.Ingestion.Validation;

/// <param name="Code">One of <see cref="RejectionCodes"/>.</param>
public sealed record TickRejection(string Code, string Detail)
{
    /// <summary>The <c>dlq.reason</c> header value.</summary>
    public override string ToString() => $"{Code}: {Detail}";
}
