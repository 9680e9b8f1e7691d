using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RiskRadar.Cli.Arguments;

namespace RiskRadar.Cli.Commands;

/// <summary>
/// 'history import FILE --url …': posts a daily-history CSV to the gateway's admin import
/// (<c>POST /v1/admin/history/daily</c>). The server checks the whole file; its line-numbered errors are printed as
/// they come. Credentials come from --token / --api-key or RISKRADAR_TOKEN / RISKRADAR_API_KEY, never echoed.
/// </summary>
internal static class HistoryImportCommand
{
    public static int Run(string file, OptionSet options, TextWriter output)
    {
        var url = options.Required("url");
        var token = options.Optional("token") ?? Environment.GetEnvironmentVariable("RISKRADAR_TOKEN");
        var apiKey = options.Optional("api-key") ?? Environment.GetEnvironmentVariable("RISKRADAR_API_KEY");
        var json = options.Json;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--url must be the gateway's http(s) address, e.g. http://localhost:5180; got '{url}'.");
        }

        if (string.IsNullOrEmpty(token) && string.IsNullOrEmpty(apiKey))
        {
            throw new CliException("give --token or --api-key (or set RISKRADAR_TOKEN or RISKRADAR_API_KEY) of an admin.");
        }

        if (!File.Exists(file))
        {
            throw new CliException($"{file}: file not found.");
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/v1/admin/history/daily"))
        {
            Content = new StreamContent(File.OpenRead(file)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" } } },
        };
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        HttpResponseMessage response;
        try
        {
            response = client.Send(request);
        }
        catch (HttpRequestException ex)
        {
            throw new CliRemoteException($"cannot reach {baseUri.GetLeftPart(UriPartial.Authority)}: {ex.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new CliRemoteException($"{baseUri.GetLeftPart(UriPartial.Authority)} did not answer within {client.Timeout.TotalMinutes:0} minutes.");
        }

        using (response)
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (response.IsSuccessStatusCode)
            {
                if (json)
                {
                    output.WriteLine(body);
                }
                else
                {
                    using var document = JsonDocument.Parse(body);
                    var root = document.RootElement;
                    output.WriteLine($"imported {root.GetProperty("bars").GetInt32()} bars of {root.GetProperty("instruments").GetInt32()} instruments, "
                        + $"{root.GetProperty("from").GetString()} to {root.GetProperty("to").GetString()}: "
                        + $"{root.GetProperty("inserted").GetInt32()} new, {root.GetProperty("replaced").GetInt32()} replaced; "
                        + $"scenario set {(root.TryGetProperty("scenarioSetId", out var id) ? id.GetString() : "none")}");
                }

                return ExitCodes.Success;
            }

            var problem = Problem(body);
            if (response.StatusCode == HttpStatusCode.BadRequest && problem.Errors.Count > 0)
            {
                var text = new StringBuilder($"{file}: nothing imported; {problem.Errors.Count} problem(s):");
                foreach (var (field, messages) in problem.Errors)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\n  {field}: {string.Join(" ", messages)}");
                }

                throw new CliException(text.ToString());
            }

            throw new CliRemoteException($"the gateway answered {(int)response.StatusCode} {problem.Title ?? response.ReasonPhrase}{(problem.Detail is null ? "" : ": " + problem.Detail)}");
        }
    }

    private static (string? Title, string? Detail, List<(string Field, string[] Messages)> Errors) Problem(string body)
    {
        var errors = new List<(string, string[])>();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Object)
            {
                errors.AddRange(list.EnumerateObject().Select(e => (e.Name, e.Value.EnumerateArray().Select(m => m.GetString() ?? "").ToArray())));
            }

            return (root.TryGetProperty("title", out var title) ? title.GetString() : null, root.TryGetProperty("detail", out var detail) ? detail.GetString() : null, errors);
        }
        catch (JsonException)
        {
            return (null, body.Length > 200 ? body[..200] : body, errors);
        }
    }
}
