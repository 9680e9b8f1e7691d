namespace RiskRadar.Analytics.Valuation;

/// <summary>A book's sensitivities, per underlying and per curve, in the units docs/analytics.md lists.</summary>
public sealed record BookSensitivities(IReadOnlyList<UnderlyingSensitivity> Underlyings, IReadOnlyList<CurveSensitivity> Curves);

/// <summary>
/// Per underlying: delta ∂V/∂S in units of the underlying and in cash (Δ·S), gamma ∂²V/∂S² and cash gamma
/// (Γ·S²/100, the change of cash delta for a 1 % move), vega per 1.00 of volatility, theta per year (options only:
/// a future's carry and a bond's pull to par are not in it).
/// </summary>
public sealed record UnderlyingSensitivity(int Underlying, double Delta, double CashDelta, double Gamma, double CashGamma, double Vega, double Theta);

/// <summary>
/// Per curve: DV01, the value lost when every pillar rises 1 bp, and key-rate DV01s, one pillar at a time, both by
/// repricing every option, future and bond on the curve (positive for a long bond).
/// </summary>
public sealed record CurveSensitivity(int Curve, double Dv01, IReadOnlyList<double> KeyRateDv01);
