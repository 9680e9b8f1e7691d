namespace RiskRadar.Analytics.Scenarios;

/// <summary>What a scenario set is built with; every field is part of its identity.</summary>
/// <param name="Lookback">Return rows a measure uses unless the caller asks for another number (Basel: at least 250).</param>
/// <param name="Depth">Return rows the set keeps: the lookback and the older history a stressed window is searched in.</param>
/// <param name="MaxFillDays">
/// A missing close is the previous close carried forward for at most this many calendar days; after a longer gap, or
/// before its first close, the instrument has no return on those rows.
/// </param>
public sealed record ScenarioSetParameters(int Lookback = 500, int Depth = 1_260, ReturnKind Kind = ReturnKind.Simple, int MaxFillDays = 5)
{
    public void Validate()
    {
        Guard.MinObservations(Lookback, 1, nameof(Lookback));
        if (Depth < Lookback)
        {
            throw new ArgumentException($"Depth ({Depth}) must be at least the lookback ({Lookback}).", nameof(Depth));
        }

        if (MaxFillDays < 0)
        {
            throw new ArgumentException($"MaxFillDays must not be negative; got {MaxFillDays}.", nameof(MaxFillDays));
        }

        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentException($"Unknown return kind {Kind}.", nameof(Kind));
        }
    }
}
