using System.Text.Json;

namespace Authentik.Plugins.Host.Tests;

/// <summary>The JSON body that <see cref="TestSupport.EchoBackend"/> returns.</summary>
internal sealed record BackendEcho(string Method, string Path, string Host, long BodyLength, IReadOnlyDictionary<string, string> Headers)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static async Task<BackendEcho> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var echo = JsonSerializer.Deserialize<BackendEcho>(body, Options)
            ?? throw new InvalidOperationException($"The backend returned no JSON: {body}");

        return echo with { Headers = new Dictionary<string, string>(echo.Headers, StringComparer.OrdinalIgnoreCase) };
    }
}
