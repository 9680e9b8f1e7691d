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

    public Task<ApiResult<AlertRuleDto>> GetAlertRuleAsync(string ruleId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"/v1/alerts/rules/{Escape(ruleId)}", null, WebJsonContext.Default.AlertRuleDto, cancellationToken);

    public Task<ApiResult<AlertRuleDto>> CreateAlertRuleAsync(AlertRuleRequest rule, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/v1/alerts/rules", Json(rule, WebJsonContext.Default.AlertRuleRequest), WebJsonContext.Default.AlertRuleDto, cancellationToken);

    /// <summary>Replaces the rule if it is still at <paramref name="etag"/> (412 otherwise: someone changed it meanwhile).</summary>
    public Task<ApiResult<AlertRuleDto>> UpdateAlertRuleAsync(string ruleId, AlertRuleRequest rule, string etag, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/v1/alerts/rules/{Escape(ruleId)}", Json(rule, WebJsonContext.Default.AlertRuleRequest), WebJsonContext.Default.AlertRuleDto,
            cancellationToken, etag);

    public Task<ApiOutcome> DeleteAlertRuleAsync(string ruleId, string etag, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/v1/alerts/rules/{Escape(ruleId)}", etag, cancellationToken);

    public async Task<ApiResult<IReadOnlyList<WebhookTargetDto>>> ListWebhooksAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Get, "/v1/alerts/webhooks", null, WebJsonContext.Default.ListWebhookTargetDto, cancellationToken);
        return result.Ok ? result.Value : result.Problem;
    }

    public Task<ApiResult<WebhookTargetDto>> CreateWebhookAsync(string url, string secret, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/v1/alerts/webhooks", Json(new WebhookTargetRequest(url, secret), WebJsonContext.Default.WebhookTargetRequest),
            WebJsonContext.Default.WebhookTargetDto, cancellationToken);

    public Task<ApiOutcome> DeleteWebhookAsync(string targetId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/v1/alerts/webhooks/{Escape(targetId)}", null, cancellationToken);

    public async Task<ApiResult<IReadOnlyList<NamedStressScenarioDto>>> GetStressLibraryAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Get, "/v1/risk/stress/library", null, WebJsonContext.Default.ListNamedStressScenarioDto, cancellationToken);
        return result.Ok ? result.Value : result.Problem;
    }

    public Task<ApiResult<StressDto>> StressAsync(StressRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/v1/risk/stress", Json(request, WebJsonContext.Default.StressRequest), WebJsonContext.Default.StressDto, cancellationToken);

    public Task<ApiResult<BacktestDto>> BacktestAsync(string portfolioId, double confidence, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"/v1/portfolios/{Escape(portfolioId)}/backtest?confidence={confidence.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            null, WebJsonContext.Default.BacktestDto, cancellationToken);

    public Task<ApiResult<OptimizationDto>> OptimizeAsync(string portfolioId, OptimizeRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/v1/portfolios/{Escape(portfolioId)}/optimize", Json(request, WebJsonContext.Default.OptimizeRequest),
            WebJsonContext.Default.OptimizationDto, cancellationToken);

    public async Task<ApiResult<IReadOnlyList<ApiKeyDto>>> ListApiKeysAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Get, "/auth/api-keys", null, WebJsonContext.Default.ListApiKeyDto, cancellationToken);
        return result.Ok ? result.Value : result.Problem;
    }

    /// <summary>A new key; its secret is in this answer only.</summary>
    public Task<ApiResult<CreatedApiKeyDto>> CreateApiKeyAsync(string name, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/auth/api-keys", Json(new ApiKeyRequest(name, roles), WebJsonContext.Default.ApiKeyRequest),
            WebJsonContext.Default.CreatedApiKeyDto, cancellationToken);

    public Task<ApiOutcome> RevokeApiKeyAsync(string keyId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/auth/api-keys/{Escape(keyId)}", null, cancellationToken);

    public async Task<ApiResult<IReadOnlyList<AuditEventDto>>> ListAuditEventsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Get, $"/v1/audit/events?from={Escape(from.ToString("O"))}&to={Escape(to.ToString("O"))}&limit={limit}",
            null, WebJsonContext.Default.ListAuditEventDto, cancellationToken);
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

    private async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string path, HttpContent? body, JsonTypeInfo<T> type, CancellationToken cancellationToken, string? ifMatch = null)
    {
        var (response, problem) = await ExchangeAsync(method, path, body, ifMatch, cancellationToken);
        if (response is null)
        {
            return problem!;
        }

        using (response)
        {
            try
            {
                var value = await response.Content.ReadFromJsonAsync(type, cancellationToken);
                return value is null ? ApiProblem.Unreadable((int)response.StatusCode) : ApiResult<T>.Success(value, response.Headers.ETag?.Tag);
            }
            catch (JsonException)
            {
                return ApiProblem.Unreadable((int)response.StatusCode);
            }
        }
    }

    private async Task<ApiOutcome> SendAsync(HttpMethod method, string path, string? ifMatch, CancellationToken cancellationToken)
    {
        var (response, problem) = await ExchangeAsync(method, path, null, ifMatch, cancellationToken);
        response?.Dispose();
        return problem is null ? ApiOutcome.Done : new ApiOutcome(problem);
    }

    /// <summary>The successful response (the caller disposes it), or the problem answered instead.</summary>
    private async Task<(HttpResponseMessage? Response, ApiProblem? Problem)> ExchangeAsync(
        HttpMethod method, string path, HttpContent? body, string? ifMatch, CancellationToken cancellationToken)
    {
        var token = await user.GetAccessTokenAsync(cancellationToken);
        if (token is null)
        {
            return (null, ApiProblem.SignedOut());
        }

        using var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(ex, method.Method, path);
            return (null, ApiProblem.Unreachable());
        }

        if (response.IsSuccessStatusCode)
        {
            return (response, null);
        }

        using (response)
        {
            var problem = await ApiProblem.ReadAsync(response, cancellationToken);
            LogProblem(method.Method, path, problem.Status, problem.Title);
            return (null, problem);
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
