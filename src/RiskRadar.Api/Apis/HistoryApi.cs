using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using RiskRadar.Api.Http;
using RiskRadar.Api.Portfolios;
using RiskRadar.Contracts.Instruments;
using RiskRadar.Data.Instruments;
using RiskRadar.ServiceDefaults.Auth;
using RiskRadar.TimeSeries.History;
using RiskRadar.TimeSeries.Scenarios;

namespace RiskRadar.Api.Apis;

/// <summary>Daily market history: import (admin), read, and the scenario set built from it.</summary>
public static partial class HistoryApi
{
    private const int MaxBarsPerImport = 2_000_000;

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/admin/history/daily", Import).WithTags("History").WithName("ImportDailyHistory")
            .WithSummary("Import daily closes from CSV (date,instrument,close[,open,high,low] or date,ID1,ID2,…): all or nothing, re-import replaces the same days")
            .RequireAuthorization(RiskRadarPolicies.Admin)
            .Accepts<string>("text/csv");
        app.MapGet("/v1/market/history/daily/{instrumentId}", Read).WithTags("History").WithName("GetDailyHistory")
            .WithSummary("An instrument's stored daily bars between two days")
            .RequireAuthorization(RiskRadarPolicies.Viewer);
        app.MapGet("/v1/risk/scenario-sets/current", Current).WithTags("History").WithName("GetCurrentScenarioSet")
            .WithSummary("The daily scenario set on-demand risk uses now: id, as-of date, lookback, rows and instruments")
            .RequireAuthorization(RiskRadarPolicies.Viewer);
        return app;
    }

    public static async Task<Results<Ok<HistoryImportResponse>, ValidationProblem, ProblemHttpResult>> Import(
        HttpContext context, ClaimsPrincipal user, InstrumentMasterStore catalog, DailyBarStore store, ScenarioSets sets, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (context.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send CSV",
                detail: "Send the history as text/csv: date,instrument,close[,open,high,low] or date followed by instrument ids.");
        }

        // Buffered first: the CSV reader reads synchronously, which Kestrel does not allow on the request body.
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        var master = (await catalog.ReadAllAsync(cancellationToken)).ToDictionary(i => i.InstrumentId, StringComparer.Ordinal);
        using var text = new StreamReader(buffer, Encoding.UTF8);
        var file = DailyHistoryCsv.Parse(
            text, master.ContainsKey, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), MaxBarsPerImport,
            id => master.GetValueOrDefault(id)?.Rate is { } rate ? Tenors.Years(rate.Tenor) : null);
        if (!file.IsValid)
        {
            return Problems.Invalid(new Dictionary<string, string[]>(file.Errors));
        }

        if (file.Bars.Count == 0)
        {
            return Problems.Invalid("$", "The file has a header but no bars.");
        }

        var written = await store.ReplaceAsync(file.Bars, DailyBarSources.Import, cancellationToken);
        var set = await sets.RefreshAsync(cancellationToken);
        LogImported(loggers.CreateLogger(nameof(HistoryApi)), user.GetTenantId(), written.Inserted, written.Replaced, set?.Id);
        return TypedResults.Ok(new HistoryImportResponse(
            file.Bars.Count, written.Inserted, written.Replaced,
            file.Bars.Select(b => b.InstrumentId).Distinct(StringComparer.Ordinal).Count(),
            file.Bars.Min(b => b.Day), file.Bars.Max(b => b.Day), set?.Id));
    }

    public static async Task<Results<Ok<DailyHistoryResponse>, ValidationProblem>> Read(
        string instrumentId, DateOnly? from, DateOnly? to, DailyBarStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = from ?? end.AddYears(-1);
        if (start > end)
        {
            return Problems.Invalid("from", "from must not be after to.");
        }

        if (end.DayNumber - start.DayNumber > 366 * 20)
        {
            return Problems.Invalid("from", "At most 20 years per request.");
        }

        return TypedResults.Ok(new DailyHistoryResponse(instrumentId, start, end, await store.ReadAsync(instrumentId, start, end, cancellationToken)));
    }

    public static Results<Ok<ScenarioSetResponse>, ProblemHttpResult> Current(ScenarioSets sets) =>
        sets.Current is { } set
            ? TypedResults.Ok(new ScenarioSetResponse(set.Id, set.AsOf, set.Lookback, set.Parameters.Depth, set.Kind.ToString().ToLowerInvariant(),
                set.Parameters.MaxFillDays, set.Rows, set.Rows > 0 ? set.Dates[0] : null, set.Instruments, set.Fingerprint))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No scenario set yet",
                detail: "No daily history is stored yet: import some (POST /v1/admin/history/daily) or wait for Ingestion to load the bundled history.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily history imported by tenant {Tenant}: {Inserted} new bars, {Replaced} replaced; scenario set {SetId}")]
    private static partial void LogImported(ILogger logger, string tenant, int inserted, int replaced, string? setId);
}

public sealed record HistoryImportResponse(int Bars, int Inserted, int Replaced, int Instruments, DateOnly From, DateOnly To, string? ScenarioSetId);

public sealed record DailyHistoryResponse(string InstrumentId, DateOnly From, DateOnly To, IReadOnlyList<DailyBar> Bars);

public sealed record ScenarioSetResponse(
    string Id, DateOnly AsOf, int Lookback, int Depth, string ReturnKind, int MaxFillDays, int Rows, DateOnly? FirstDay,
    IReadOnlyList<string> Instruments, string Fingerprint);
