using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RiskRadar.Alerts;
using RiskRadar.Api.Alerts;
using RiskRadar.Api.Http;
using RiskRadar.Api.Portfolios;
using RiskRadar.Contracts.Events;
using RiskRadar.ServiceDefaults.Auth;

namespace RiskRadar.Api.Apis;

/// <summary>Alert rules (evaluated by the StreamProcessor on every aggregate), raised alerts, and webhook targets.</summary>
public static class AlertsApi
{
    private const int MaxSecretLength = 256;

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/v1/alerts/rules").WithTags("Alerts").RequireAuthorization(RiskRadarPolicies.Viewer);
        rules.MapGet("/", ListRules).WithName("ListAlertRules").WithSummary("The tenant's alert rules");
        rules.MapGet("/{ruleId}", GetRule).WithName("GetAlertRule").WithSummary("One rule, with its version as ETag");
        rules.MapPost("/", CreateRule).WithName("CreateAlertRule").WithSummary("Create a rule")
            .RequireAuthorization(RiskRadarPolicies.RiskManager).Accepts<AlertRuleRequest>("application/json");
        rules.MapPut("/{ruleId}", UpdateRule).WithName("UpdateAlertRule").WithSummary("Replace a rule (If-Match required)")
            .RequireAuthorization(RiskRadarPolicies.RiskManager).Accepts<AlertRuleRequest>("application/json");
        rules.MapDelete("/{ruleId}", DeleteRule).WithName("DeleteAlertRule").WithSummary("Delete a rule (If-Match required)")
            .RequireAuthorization(RiskRadarPolicies.RiskManager);

        app.MapGet("/v1/alerts", ListAlerts).WithTags("Alerts").WithName("ListAlerts")
            .WithSummary("Raised and cleared alerts, newest first").RequireAuthorization(RiskRadarPolicies.Viewer);

        var webhooks = app.MapGroup("/v1/alerts/webhooks").WithTags("Alerts").RequireAuthorization(RiskRadarPolicies.Admin);
        webhooks.MapGet("/", ListTargets).WithName("ListWebhookTargets").WithSummary("Webhook targets (secrets are never returned)");
        webhooks.MapPost("/", CreateTarget).WithName("CreateWebhookTarget").WithSummary("Add a webhook target")
            .Accepts<WebhookTargetRequest>("application/json");
        webhooks.MapDelete("/{targetId}", DeleteTarget).WithName("DeleteWebhookTarget").WithSummary("Remove a webhook target");
        return app;
    }

    public static async Task<Results<Ok<Page<AlertRuleResponse>>, ValidationProblem>> ListRules(
        int? limit, string? cursor, ClaimsPrincipal user, AlertStore store, IOptions<PortfolioOptions> options, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size < 1 || size > options.Value.MaxPageSize)
        {
            return Problems.Invalid("limit", $"limit must be between 1 and {options.Value.MaxPageSize}.");
        }

        var rules = await store.ListRulesAsync(user.GetTenantId(), cursor, size + 1, cancellationToken);
        return TypedResults.Ok(rules.Count > size ? new Page<AlertRuleResponse>([.. rules.Take(size)], rules[size - 1].Id) : new Page<AlertRuleResponse>(rules, null));
    }

    public static async Task<Results<Ok<AlertRuleResponse>, ProblemHttpResult>> GetRule(
        string ruleId, HttpResponse response, ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken)
    {
        if (await store.GetRuleAsync(user.GetTenantId(), ruleId, cancellationToken) is not { } rule)
        {
            return RuleNotFound(ruleId);
        }

        ETags.Set(response, rule.Version);
        return TypedResults.Ok(rule);
    }

    public static async Task<Results<Created<AlertRuleResponse>, ValidationProblem>> CreateRule(
        HttpContext context, ClaimsPrincipal user, AlertStore store, PortfolioStore portfolios, CancellationToken cancellationToken)
    {
        var tenant = user.GetTenantId();
        var (rule, errors) = await ReadRuleAsync(context.Request, tenant, store, portfolios, cancellationToken);
        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        var created = await store.CreateRuleAsync(tenant, rule!, cancellationToken);
        ETags.Set(context.Response, created.Version);
        return TypedResults.Created($"/v1/alerts/rules/{created.Id}", created);
    }

    public static async Task<Results<Ok<AlertRuleResponse>, ValidationProblem, ProblemHttpResult>> UpdateRule(
        string ruleId, HttpContext context, ClaimsPrincipal user, AlertStore store, PortfolioStore portfolios, CancellationToken cancellationToken)
    {
        if (ETags.IfMatch(context.Request) is not { } expected)
        {
            return Problems.PreconditionRequired();
        }

        var tenant = user.GetTenantId();
        var (rule, errors) = await ReadRuleAsync(context.Request, tenant, store, portfolios, cancellationToken);
        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        var (updated, mismatch) = await store.UpdateRuleAsync(tenant, ruleId, expected, rule!, cancellationToken);
        if (updated is null)
        {
            return RuleNotFound(ruleId);
        }

        if (mismatch)
        {
            return Problems.VersionMismatch(updated.Version);
        }

        ETags.Set(context.Response, updated.Version);
        return TypedResults.Ok(updated);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteRule(
        string ruleId, HttpRequest request, ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken)
    {
        if (ETags.IfMatch(request) is not { } expected)
        {
            return Problems.PreconditionRequired();
        }

        var (found, current) = await store.DeleteRuleAsync(user.GetTenantId(), ruleId, expected, cancellationToken);
        return !found ? RuleNotFound(ruleId)
            : current is { } version ? Problems.VersionMismatch(version)
            : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<IReadOnlyList<AlertEventResponse>>, ValidationProblem>> ListAlerts(
        string? portfolioId, DateTimeOffset? from, DateTimeOffset? to, int? limit, ClaimsPrincipal user, AlertStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow().AddSeconds(1);
        var start = from ?? end.AddDays(-7);
        var size = limit ?? 100;
        if (size is < 1 or > 1_000)
        {
            return Problems.Invalid("limit", "limit must be between 1 and 1000.");
        }

        if (start >= end)
        {
            return Problems.Invalid("from", "from must be before to.");
        }

        return TypedResults.Ok(await store.ListEventsAsync(user.GetTenantId(), portfolioId, start, end, size, cancellationToken));
    }

    public static async Task<Ok<IReadOnlyList<WebhookTargetResponse>>> ListTargets(ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListTargetsAsync(user.GetTenantId(), cancellationToken));

    public static async Task<Results<Created<WebhookTargetResponse>, ValidationProblem>> CreateTarget(
        HttpContext context, ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken)
    {
        var (request, errors) = await JsonBody.ReadAsync(context.Request, ApiJsonContext.Default.WebhookTargetRequest, cancellationToken);
        errors ??= new Dictionary<string, string[]>();
        if (request is not null)
        {
            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.UserInfo.Length > 0)
            {
                errors["url"] = ["url must be an absolute http(s) URL without credentials."];
            }

            if (request.Secret is not { Length: >= 16 and <= MaxSecretLength })
            {
                errors["secret"] = [$"secret must be 16 to {MaxSecretLength} characters."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var target = await store.CreateTargetAsync(user.GetTenantId(), request!.Url!, request.Secret!, cancellationToken);
        return TypedResults.Created($"/v1/alerts/webhooks/{target.Id}", target);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteTarget(
        string targetId, ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken) =>
        await store.DeleteTargetAsync(user.GetTenantId(), targetId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Webhook target not found", detail: $"No webhook target '{targetId}' in your tenant.");

    private static async Task<(AlertRuleRequest? Rule, IDictionary<string, string[]>? Errors)> ReadRuleAsync(
        HttpRequest request, string tenant, AlertStore store, PortfolioStore portfolios, CancellationToken cancellationToken)
    {
        var (rule, errors) = await JsonBody.ReadAsync(request, ApiJsonContext.Default.AlertRuleRequest, cancellationToken);
        if (errors is not null)
        {
            return (null, errors);
        }

        errors = new Dictionary<string, string[]>();
        var provisional = rule!.Window == ProvisionalAlerts.Window;
        if (provisional && !ProvisionalAlerts.IsKnown(rule.Metric))
        {
            errors["metric"] = [$"metric of a provisional rule must be {ProvisionalAlerts.KnownMetrics}."];
        }
        else if (!AlertMetrics.IsKnown(rule.Metric))
        {
            errors["metric"] = ["metric must be var95, var99, es975, es99, volatility, maxDrawdown, grossExposure or assetClassShare:<AssetClass>."];
        }

        if (rule.HoldDownSeconds is { } holdDown && (!provisional || !double.IsFinite(holdDown) || holdDown < 0 || holdDown > ProvisionalAlerts.MaxHoldDown.TotalSeconds))
        {
            errors["holdDownSeconds"] = [provisional
                ? $"holdDownSeconds must be between 0 and {ProvisionalAlerts.MaxHoldDown.TotalSeconds:0}."
                : "holdDownSeconds is for provisional rules only (window \"provisional\")."];
        }

        if (rule.Threshold is not { } threshold || !double.IsFinite(threshold))
        {
            errors["threshold"] = ["threshold must be a finite number."];
        }

        if (rule.Window is { } window && !provisional && !RiskWindows.IsKnown(window))
        {
            errors["window"] = [$"window must be {RiskWindows.Listed}, {ProvisionalAlerts.Window}, or absent for every window."];
        }

        if (rule.PortfolioId is not null && await portfolios.GetAsync(tenant, rule.PortfolioId, cancellationToken) is null)
        {
            errors["portfolioId"] = [$"No portfolio '{rule.PortfolioId}' in your tenant."];
        }

        if (rule.WebhookTargetId is not null && !await store.TargetExistsAsync(tenant, rule.WebhookTargetId, cancellationToken))
        {
            errors["webhookTargetId"] = [$"No webhook target '{rule.WebhookTargetId}' in your tenant."];
        }

        return errors.Count > 0 ? (null, errors) : (rule, null);
    }

    private static ProblemHttpResult RuleNotFound(string ruleId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Alert rule not found", detail: $"No alert rule '{ruleId}' in your tenant.");
}
