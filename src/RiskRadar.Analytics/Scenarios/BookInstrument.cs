namespace RiskRadar.Analytics.Scenarios;

/// <summary>One leg converting an instrument's currency towards the book's base: an FX pair's column in the set.</summary>
/// <param name="Inverse">True when the pair is quoted the other way round (its return enters as 1/(1+r)).</param>
public readonly record struct FxLeg(int Column, bool Inverse);

/// <summary>A held instrument's column in a scenario set and the FX legs (none, one or two) into the book's base currency.</summary>
public sealed record BookInstrument(string InstrumentId, int Column, IReadOnlyList<FxLeg> Fx);
