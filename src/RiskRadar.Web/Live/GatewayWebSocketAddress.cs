using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;

namespace RiskRadar.Web.Live;

/// <summary>
/// Where the gateway's WebSockets are: service discovery resolves <c>http(s)</c> names for HttpClient only, and a
/// WebSocket needs a <c>ws(s)</c> address, so the gateway's endpoint is resolved here and its scheme translated.
/// </summary>
public sealed class GatewayWebSocketAddress(ServiceEndpointResolver resolver, IOptions<WebOptions> options)
{
    public async Task<Uri> ResolveAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var name = options.Value.Gateway;
        var source = await resolver.GetEndpointsAsync(name, cancellationToken);
        if (source.Endpoints.Count == 0)
        {
            throw new HttpRequestException($"Service discovery knows no endpoint of '{name}'.");
        }

        return ToWebSocket(source.Endpoints[Random.Shared.Next(source.Endpoints.Count)].EndPoint, name, pathAndQuery);
    }

    internal static Uri ToWebSocket(EndPoint endpoint, string serviceName, string pathAndQuery)
    {
        // A bare host and port carries no scheme: https only when the name asks for https and nothing else.
        var secureByName = serviceName.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        var (secure, host, port) = endpoint switch
        {
            UriEndPoint u => (u.Uri.Scheme == Uri.UriSchemeHttps, u.Uri.Host, u.Uri.Port),
            DnsEndPoint d => (secureByName, d.Host, d.Port),
            IPEndPoint ip => (secureByName, ip.Address.ToString(), ip.Port),
            _ => throw new HttpRequestException($"Cannot make a WebSocket address of the endpoint '{endpoint}'."),
        };
        return new Uri(new UriBuilder(secure ? "wss" : "ws", host, port).Uri, pathAndQuery);
    }
}
