namespace RiskRadar.Api.Risk;

/// <summary>The names clients use for methods and metrics, with their accepted spellings.</summary>
public static class RiskMethods
{
    public const string Historical = "historical";
    public const string Parametric = "parametric";
    public const string Ewma = "ewma";
    public const string CornishFisher = "cornish-fisher";
    public const string MonteCarlo = "monte-carlo";

    public static string? Normalise(string? method) => (method ?? Historical).ToLowerInvariant().Replace('_', '-') switch
    {
        Historical => Historical,
        Parametric or "variance-covariance" => Parametric,
        Ewma => Ewma,
        CornishFisher => CornishFisher,
        MonteCarlo => MonteCarlo,
        _ => null,
    };
}

public static class RiskMetricNames
{
    public const string Var = "var";
    public const string Es = "es";
    public const string Volatility = "volatility";
    public const string Sharpe = "sharpe";
    public const string Sortino = "sortino";
    public const string MaxDrawdown = "max_drawdown";
    public const string ComponentVar = "component_var";
    public const string StressedVar = "stressed_var";
    public const string StressedEs = "stressed_es";
    public const string Sensitivities = "sensitivities";
    public const string PnlExplain = "pnl_explain";

    public static string? Normalise(string? metric) => metric?.ToLowerInvariant().Replace('-', '_') switch
    {
        Var => Var,
        Es or "cvar" or "expected_shortfall" => Es,
        Volatility => Volatility,
        Sharpe => Sharpe,
        Sortino => Sortino,
        MaxDrawdown or "maxdrawdown" => MaxDrawdown,
        ComponentVar or "componentvar" => ComponentVar,
        StressedVar or "svar" => StressedVar,
        StressedEs or "stressed_cvar" or "ses" => StressedEs,
        Sensitivities or "greeks" => Sensitivities,
        PnlExplain or "explain" => PnlExplain,
        _ => null,
    };
}

/// <summary>How a daily VaR reaches a horizon of several days.</summary>
public static class HorizonMethods
{
    public const string Sqrt = "sqrt";
    public const string Overlapping = "overlapping";

    public static string? Normalise(string? method) => (method ?? Sqrt).ToLowerInvariant().Replace('_', '-') switch
    {
        Sqrt or "square-root" or "sqrt-time" => Sqrt,
        Overlapping => Overlapping,
        _ => null,
    };
}
