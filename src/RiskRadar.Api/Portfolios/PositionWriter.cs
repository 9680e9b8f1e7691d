using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiskRadar.Api.Http;
using RiskRadar.Contracts.Events;
using RiskRadar.Data.Instruments;

namespace RiskRadar.Api.Portfolios;

/// <summary>
/// The one path every position change takes: validate all rows (fields named), refuse unknown instruments and
/// duplicates, then apply them in one transaction — all or nothing.
/// </summary>
public sealed class PositionWriter(PortfolioStore store, InstrumentMasterStore instruments, IOptions<PortfolioOptions> options)
{
    public async Task<Results<Ok<BulkPositionsResponse>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string tenantId,
        string portfolioId,
        HttpContext context,
        IReadOnlyList<(string? InstrumentId, double? Quantity, string Field)> rows,
        bool replace,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (instrumentId, quantity, field) in rows)
        {
            PortfolioRules.CheckPosition(instrumentId, quantity, options.Value.MaxAbsoluteQuantity, field, errors);
            if (instrumentId is not null && !seen.Add(instrumentId))
            {
                errors[field + "instrumentId"] = [$"'{instrumentId}' appears more than once."];
            }
        }

        if (errors.Count == 0)
        {
            var known = (await instruments.GetAsync(seen, cancellationToken)).ToDictionary(i => i.InstrumentId, StringComparer.Ordinal);
            foreach (var (instrumentId, quantity, field) in rows)
            {
                // Closing a position in an instrument since removed from the master is still allowed.
                var closingOne = rows.Count == 1 && !replace && quantity == 0;
                if (!known.TryGetValue(instrumentId!, out var instrument))
                {
                    if (!closingOne)
                    {
                        errors[field + "instrumentId"] = [$"Unknown instrument '{instrumentId}'."];
                    }
                }
                else if (instrument.Kind is InstrumentKinds.Rate or InstrumentKinds.Volatility && quantity != 0)
                {
                    errors[field + "instrumentId"] = [PortfolioRules.MarketFactor(instrument)];
                }
                else if (instrument.Kind != InstrumentKinds.Spot && quantity != 0)
                {
                    // The pipeline values contracts, but it learns of an instrument created at run time a few seconds
                    // after the master does, and until then dead-letters positions in it: refused until a position
                    // waits for its instrument there instead of being lost to the stream.
                    errors[field + "instrumentId"] = [$"'{instrumentId}' is of kind {instrument.Kind}: contracts are in the instrument master, but portfolios cannot hold them yet; value them with inline positions in POST /v1/risk/calculate and /v1/risk/stress."];
                }
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var expected = ETags.IfMatch(context.Request);
        var positions = rows.Select(r => new PositionInput(r.InstrumentId!, r.Quantity!.Value)).ToList();
        var result = await store.ChangePositionsAsync(tenantId, portfolioId, expected, positions, replace, cancellationToken);
        switch (result.Outcome)
        {
            case PortfolioChangeOutcome.Done:
                ETags.Set(context.Response, result.Portfolio!.Version);
                return TypedResults.Ok(new BulkPositionsResponse(portfolioId, result.Portfolio.Version, positions.Count));
            case PortfolioChangeOutcome.VersionMismatch:
                return Problems.VersionMismatch(result.Portfolio!.Version);
            default:
                return Problems.PortfolioNotFound(portfolioId);
        }
    }
}
