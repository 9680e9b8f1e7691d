namespace RiskRadar.Analytics;

/// <summary>Argument validation shared by the public entry points; messages name the argument and the rule broken.</summary>
internal static class Guard
{
    public static void Confidence(double confidence, string name = "confidence")
    {
        if (!(confidence > 0.0 && confidence < 1.0))
        {
            throw new ArgumentException($"Confidence must lie strictly between 0 and 1; got {confidence}.", name);
        }
    }

    public static void Horizon(int horizon, string name = "horizon")
    {
        if (horizon < 1)
        {
            throw new ArgumentException($"Horizon must be at least 1 period; got {horizon}.", name);
        }
    }

    public static void Finite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] is not a finite number ({values[i]}).", name);
            }
        }
    }

    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{name} must be a finite number; got {value}.", name);
        }
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0.0) || !double.IsFinite(value))
        {
            throw new ArgumentException($"{name} must be a positive finite number; got {value}.", name);
        }
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0.0) || !double.IsFinite(value))
        {
            throw new ArgumentException($"{name} must be a non-negative finite number; got {value}.", name);
        }
    }

    public static void Length(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} elements; expected {expected}.", name);
        }
    }

    public static void MinObservations(int actual, int minimum, string name)
    {
        if (actual < minimum)
        {
            throw new ArgumentException($"{name} has {actual} observations; at least {minimum} are required.", name);
        }
    }
}
