using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RiskRadar.ServiceDefaults.Http;

/// <summary>Every error a service answers is RFC 9457 problem details worded for the client, never exception text.</summary>
public static class ProblemDetailsExtensions
{
    public static IHostApplicationBuilder AddProblemDetailsDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DependencyUnavailableExceptionHandler>();
        // Without this, outside Development a binding failure is a bare 400 that says nothing about the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>Exceptions (a body over the size limit, a bad query value, a hung database) and bare status codes as problem details.</summary>
    public static IApplicationBuilder UseProblemDetailsDefaults(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
