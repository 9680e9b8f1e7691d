using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RiskRadar.Contracts.Events;
using RiskRadar.Web.Auth;

namespace RiskRadar.Web.Gateway;

/// <summary>
/// Every call the dashboard makes, through the gateway with the signed-in user's token: the gateway authenticates,
/// authorises, rate-limits and audits each one exactly as for any other client.
/// </summary>
public sealed partial class GatewayClient(HttpClient http, CurrentUser user, ILogger<GatewayClient> logger)
{
    private const int PageSize = 200;
    private const int MaxListed = 10_000;

    public Task<ApiResult<IReadOnlyList<PortfolioDto>>> ListPortfoliosAsync(CancellationToken cancellationToken) =>
        ListAllAsync("/v1/portfolios", WebJsonContext.Default.PageDtoPortfolioDto, cancellationToken);

    public Task<ApiResult<PortfolioDto>> GetPortfolioAsync(string portfolioId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"/v1/portfolios/{Escape(portfolioId)}", null, WebJsonContext.Default.PortfolioDto, cancellationToken);

    public Task<ApiResult<PortfolioDto>> CreatePortfolioAsync(string name, string baseCurrency, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/v1/portfolios", Json(new PortfolioRequest(name, baseCurrency), WebJsonContext.Default.PortfolioRequest),
            WebJsonContext.Default.PortfolioDto, cancellationToken);

    public Task<ApiResult<PositionsDto>> GetPositionsAsync(string portfolioId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"/v1/portfolios/{Escape(portfolioId)}/positions", null, WebJsonContext.Default.PositionsDto, cancellationToken);

    public Task<ApiResult<BulkPositionsDto>> SetPositionAsync(string portfolioId, string instrumentId, double quantity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/v1/portfolios/{Escape(portfolioId)}/positions/{Escape(instrumentId)}",
            Json(new QuantityRequest(quantity), WebJsonContext.Default.QuantityRequest), WebJsonContext.Default.BulkPositionsDto, cancellationToken);

    public Task<ApiResult<BulkPositionsDto>> ClosePositionAsync(string portfolioId, string instrumentId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/v1/portfolios/{Escape(portfolioId)}/positions/{Escape(instrumentId)}", null,
            WebJsonContext.Default.BulkPositionsDto, cancellationToken);

    /// <summary>A CSV upload (<c>instrument_id,quantity</c>); the Api checks every line before it applies any.</summary>
    public Task<ApiResult<BulkPositionsDto>> UploadPositionsCsvAsync(string portfolioId, string csv, bool replace, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/v1/portfolios/{Escape(portfolioId)}/positions?mode={(replace ? "replace" : "merge")}",
            new StringContent(csv, Encoding.UTF8, "text/csv"), WebJsonContext.Default.BulkPositionsDto, cancellationToken);

    /// <summary>Several positions in one change (merge: the others stay); the Api checks every item before it applies any.</summary>
    public Task<ApiResult<BulkPositionsDto>> UploadPositionsAsync(string portfolioId, IReadOnlyList<PositionItemRequest> positions, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/v1/portfolios/{Escape(portfolioId)}/positions?mode=merge",
            Json(new BulkPositionsRequest(positions), WebJsonContext.Default.BulkPositionsRequest), WebJsonContext.Default.BulkPositionsDto, cancellationToken);

    /// <summary>The whole instrument master (it is small: the simulator's universe or a firm's traded list).</summary>
    public Task<ApiResult<IReadOnlyList<InstrumentReference>>> ListInstrumentsAsync(CancellationToken cancellationToken) =>
        ListAllAsync("/v1/instruments", WebJsonContext.Default.PageDtoInstrumentReference, cancellationToken);

    /// <summary>The newest closed window of the kind; a 404 ("No risk yet") is an empty answer, not a problem.</summary>
    public Task<ApiResult<RiskAggregate?>> GetLatestRiskAsync(string portfolioId, string window, CancellationToken cancellationToken) =>
        OptionalAsync($"/v1/portfolios/{Escape(portfolioId)}/risk?window={Escape(window)}", WebJsonContext.Default.RiskAggregate, cancellationToken);

    public Task<ApiResult<ProvisionalRisk?>> GetProvisionalRiskAsync(string portfolioId, CancellationToken cancellationToken) =>
        OptionalAsync($"/v1/portfolios/{Escape(portfolioId)}/risk/provisional", WebJsonContext.Default.ProvisionalRisk, cancellationToken);

    public Task<ApiResult<RiskHistoryDto>> GetRiskHistoryAsync(
        string portfolioId, string window, DateTimeOffset from, DateTimeOffset to, string interval, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get,
            $"/v1/portfolios/{Escape(portfolioId)}/risk/history?window={Escape(window)}&from={Escape(from.ToString("O"))}&to={Escape(to.ToString("O"))}&interval={Escape(interval)}",
            null, WebJsonContext.Default.RiskHistoryDto, cancellationToken);

    public Task<ApiResult<CalculationDto>> CalculateAsync(CalculateRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/v1/risk/calculate", Json(request, WebJsonContext.Default.CalculateRequest), WebJsonContext.Default.CalculationDto, cancellationToken);

    public Task<ApiResult<IReadOnlyList<AlertRuleDto>>> ListAlertRulesAsync(CancellationToken cancellationToken) =>
        ListAllAsync("/v1/alerts/rules", WebJsonContext.Default.PageDtoAlertRuleDto, cancellationToken);

    public async Task<ApiResult<IReadOnlyList<AlertEventDto>>> ListAlertsAsync(string? portfolioId, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var path = $"/v1/alerts?from={Escape(from.ToString("O"))}&limit=200" + (portfolioId is null ? "" : $"&portfolioId={Escape(portfolioId)}");
        var result = await SendAsync(HttpMethod.Get, path, null, WebJsonContext.Default.ListAlertEventDto, cancellationToken);
        return result.Ok ? result.Value : result.Problem;
    }

    /// <summary>Every page of a list (capped: the dashboard shows lists a person can read, not bulk exports).</summary>
    private async Task<ApiResult<IReadOnlyList<T>>> ListAllAsync<T>(string path, JsonTypeInfo<PageDto<T>> type, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        string? cursor = null;
        do
        {
            var page = await SendAsync(HttpMethod.Get, $"{path}?limit={PageSize}" + (cursor is null ? "" : $"&cursor={Escape(cursor)}"), null, type, cancellationToken);
            if (!page.Ok)
            {
                return page.Problem;
            }

            all.AddRange(page.Value.Items);
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null && all.Count < MaxListed);

        return all;
    }

    private async Task<ApiResult<T?>> OptionalAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var result = await SendAsync(HttpMethod.Get, path, null, type, cancellationToken);
        return result.Ok ? ApiResult<T?>.Success(result.Value, result.ETag)
            : result.Problem.IsNotFound && result.Problem.Title.StartsWith("No ", StringComparison.Ordinal) ? ApiResult<T?>.Success(null)
            : result.Problem;
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? body, JsonTypeInfo<T> type, CancellationToken cancellationToken, string? ifMatch = null)
    {
        var token = await user.GetAccessTokenAsync(cancellationToken);
        if (token is null)
        {
            return ApiProblem.SignedOut();
        }

        using var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var problem = await ApiProblem.ReadAsync(response, cancellationToken);
                LogProblem(method.Method, path, problem.Status, problem.Title);
                return problem;
            }

            var value = await response.Content.ReadFromJsonAsync(type, cancellationToken);
            return value is null ? ApiProblem.Unreadable((int)response.StatusCode) : ApiResult<T>.Success(value, response.Headers.ETag?.Tag);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(ex, method.Method, path);
            return ApiProblem.Unreachable();
        }
        catch (JsonException)
        {
            return ApiProblem.Unreadable(200);
        }
    }

    private static StringContent Json<T>(T body, JsonTypeInfo<T> type) =>
        new(JsonSerializer.Serialize(body, type), Encoding.UTF8, "application/json");

    private static string Escape(string value) => Uri.EscapeDataString(value);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {Status} {Title}")]
    private partial void LogProblem(string method, string path, int status, string title);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the gateway is unreachable")]
    private partial void LogUnreachable(Exception exception, string method, string path);
}
