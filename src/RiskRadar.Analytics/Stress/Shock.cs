namespace RiskRadar.Analytics.Stress;

/// <summary>One shock: target kind and name, relative or absolute, and its size.</summary>
public sealed record Shock
{
    public Shock(ShockTarget target, string name, ShockKind kind, double size)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(target) || !Enum.IsDefined(kind))
        {
            throw new ArgumentException($"Unknown shock target {target} or kind {kind}.", nameof(target));
        }

        Guard.Finite(size, nameof(size));
        if (kind == ShockKind.Relative && target != ShockTarget.Factor && size <= -1.0)
        {
            throw new ArgumentException($"A relative shock of {size} to '{name}' would make the price non-positive.", nameof(size));
        }

        Target = target;
        Name = name;
        Kind = kind;
        Size = size;
    }

    public ShockTarget Target { get; }

    public string Name { get; }

    public ShockKind Kind { get; }

    public double Size { get; }
}
