using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Authentik.Plugins.Outposts;
using Microsoft.Net.Http.Headers;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Reads the embedded outpost and its proxy providers from the authentik API, authenticating as
/// authentik's own server does: <c>Authorization: Bearer &lt;secret key&gt;</c>, which the backend
/// maps to the embedded outpost's service account.
/// </summary>
internal sealed class AuthentikApiOutpostClient : IDisposable
{
    /// <summary>Path of the outpost list, which for the secret key contains only the embedded outpost.</summary>
    public const string InstancesPath = "api/v3/outposts/instances/";

    /// <summary>Path of the proxy providers of the calling outpost, paged.</summary>
    public const string ProxyProvidersPath = "api/v3/outposts/proxy/";

    private const int PageSize = 100;

    // Bounds the paging loop when a backend keeps returning a next page.
    private const int MaxPages = 1000;

    private readonly HttpClient _client;
    private readonly Func<string> _secretKey;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the client.</summary>
    /// <param name="backend">Base URL of the authentik backend, for example <c>http://localhost:8000</c>.</param>
    /// <param name="secretKey">Returns the secret key shared with the backend; read on every request.</param>
    /// <param name="timeout">Longest time one request may take.</param>
    public AuthentikApiOutpostClient(Uri backend, Func<string> secretKey, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(secretKey);

        var baseAddress = backend.AbsoluteUri.EndsWith('/') ? backend : new Uri(backend.AbsoluteUri + "/");
        _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        // authentik's outposts send this value, which is not a valid product token, so it bypasses parsing.
        _client.DefaultRequestHeaders.TryAddWithoutValidation(HeaderNames.UserAgent, "goauthentik.io/outpost/" + AuthentikCompatibility.Version);
        _client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _secretKey = secretKey;
        _timeout = timeout;
    }

    /// <summary>Base URL of the authentik backend, ending in <c>/</c>.</summary>
    public Uri BaseAddress => _client.BaseAddress!;

    /// <summary>
    /// Reads the first outpost of <c>/api/v3/outposts/instances/</c> and every page of
    /// <c>/api/v3/outposts/proxy/</c>, and maps them. The outpost is treated as the embedded one,
    /// because only the embedded outpost's service account authenticates with the secret key.
    /// </summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="AuthentikApiException">A request failed or a response is not the documented JSON.</exception>
    public async Task<OutpostLoadResult> FetchAsync(CancellationToken cancellationToken)
    {
        var instances = await GetResultsAsync(InstancesPath, cancellationToken);
        if (instances.Results.Count == 0 || instances.Results[0] is not JsonObject outpostJson)
        {
            throw new AuthentikApiException($"{BaseAddress}{InstancesPath} listed no outpost; the backend has no embedded outpost for this secret key.");
        }

        var providerJson = new List<JsonObject>();
        var page = 1;
        for (var pages = 0; page > 0; pages++)
        {
            if (pages == MaxPages)
            {
                throw new AuthentikApiException($"{BaseAddress}{ProxyProvidersPath} announced more than {MaxPages} pages; stopped reading.");
            }

            var path = string.Create(CultureInfo.InvariantCulture, $"{ProxyProvidersPath}?page={page}&page_size={PageSize}");
            var response = await GetResultsAsync(path, cancellationToken);
            providerJson.AddRange(response.Results.OfType<JsonObject>());
            page = response.NextPage > page ? response.NextPage : 0;
        }

        return Map(outpostJson, providerJson);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static OutpostLoadResult Map(JsonObject outpostJson, List<JsonObject> providerJson)
    {
        var problems = new List<OutpostProblem>();
        var name = outpostJson["name"] is { } nameNode && nameNode.GetValueKind() == JsonValueKind.String
            ? nameNode.GetValue<string>()
            : OutpostConstants.EmbeddedName;
        var providers = new List<ProxyProviderConfig>(providerJson.Count);
        for (var i = 0; i < providerJson.Count; i++)
        {
            if (ProxyProviderReader.Read(providerJson[i], i, name, reportUnknownKeys: false, problems) is { } provider)
            {
                providers.Add(provider);
            }
        }

        var outposts = new List<OutpostConfig>(1);
        if (OutpostReader.Read(outpostJson, 0, providers, reportUnknownKeys: false, problems) is { } outpost)
        {
            outposts.Add(IgnoreInvalidAuthentikHost(outpost with { Managed = OutpostConstants.EmbeddedManagedValue }, problems));
        }

        OutpostConfigValidator.Validate(outposts, problems);
        return new OutpostLoadResult(outposts, new OutpostValidationReport(problems));
    }

    // authentik accepts a bare hostname as authentik_host. Rejecting the whole response for it
    // would stop every refresh, so the value is dropped with a warning. The local state or the
    // admin dashboard then supplies one.
    private static OutpostConfig IgnoreInvalidAuthentikHost(OutpostConfig outpost, List<OutpostProblem> problems)
    {
        var value = outpost.Settings.AuthentikHost;
        if (value.Length == 0 || AuthentikHostUrl.Validate(value) is not { } problem)
        {
            return outpost;
        }

        problems.Add(new OutpostProblem(
            OutpostProblemSeverity.Warning,
            OutpostProblemSubjects.Outpost(outpost.Name),
            AuthentikHostUrl.Key,
            $"{problem} authentik stores this value, so it is ignored until it is fixed there or set with the outposts set command."));
        return outpost with { Settings = outpost.Settings with { AuthentikHost = "" } };
    }

    private async Task<(IReadOnlyList<JsonNode?> Results, int NextPage)> GetResultsAsync(string path, CancellationToken cancellationToken)
    {
        var url = new Uri(BaseAddress, path);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secretKey());

        // One deadline covers the headers and the body, so a backend that stalls mid-response
        // times out too.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);

        JsonNode? body;
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new AuthentikApiException($"GET {url} returned {(int)response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            body = await JsonNode.ParseAsync(stream, cancellationToken: deadline.Token);
        }
        catch (HttpRequestException exception)
        {
            throw new AuthentikApiException($"GET {url} failed: {exception.Message}", null, exception);
        }
        catch (JsonException exception)
        {
            throw new AuthentikApiException($"GET {url} returned invalid JSON: {exception.Message}", null, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AuthentikApiException($"GET {url} timed out after {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", null, exception);
        }

        if (body?["results"] is not JsonArray results)
        {
            throw new AuthentikApiException($"GET {url} returned JSON without a results list.");
        }

        var next = body["pagination"]?["next"] is { } nextNode && nextNode.GetValueKind() == JsonValueKind.Number
            ? nextNode.GetValue<int>()
            : 0;
        return (results.ToArray(), next);
    }
}
