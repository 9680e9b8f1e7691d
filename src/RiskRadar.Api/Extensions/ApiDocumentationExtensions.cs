using Scalar.AspNetCore;

namespace RiskRadar.Api.Extensions;

public static class ApiDocumentationExtensions
{
    /// <summary>
    /// The OpenAPI document at <c>/openapi/v1.json</c> and a browsable reference at <c>/scalar/v1</c>; both describe
    /// the API, not data, so they need no token.
    /// </summary>
    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        return app;
    }
}
