using System.Diagnostics.CodeAnalysis;

namespace RiskRadar.Web.Gateway;

/// <summary>A gateway call's value, or the problem the gateway or the Api answered instead.</summary>
public readonly struct ApiResult<T>
{
    private ApiResult(T? value, ApiProblem? problem, string? etag)
    {
        Value = value;
        Problem = problem;
        ETag = etag;
    }

    public T? Value { get; }

    public ApiProblem? Problem { get; }

    /// <summary>The version the answer was at (the ETag header), for a later If-Match.</summary>
    public string? ETag { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Ok => Problem is null;

    public static ApiResult<T> Success(T value, string? etag = null) => new(value, null, etag);

    public static implicit operator ApiResult<T>(T value) => new(value, null, null);

    public static implicit operator ApiResult<T>(ApiProblem problem) => new(default, problem, null);
}

/// <summary>The answer of a call that returns nothing (204): success, or a problem.</summary>
public sealed record ApiOutcome(ApiProblem? Problem)
{
    public static ApiOutcome Done { get; } = new((ApiProblem?)null);

    public bool Ok => Problem is null;
}
