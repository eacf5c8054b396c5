using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>
/// A cookie-keeping HTTP client that follows redirects itself and signs in at the test identity
/// provider's login and consent forms. Every host name connects to 127.0.0.1 on the URL's port
/// (or the port it is mapped to), so test host names such as <c>app.outpost.test</c> stay on loopback.
/// </summary>
internal sealed class BrowserSession : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _client;

    /// <param name="portMap">Ports that connect to another port instead, for host names without a port.</param>
    public BrowserSession(IReadOnlyDictionary<int, int>? portMap = null)
    {
        Cookies = new CookieContainer();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            CookieContainer = Cookies,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    var port = portMap is not null && portMap.TryGetValue(context.DnsEndPoint.Port, out var mapped) ? mapped : context.DnsEndPoint.Port;
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public CookieContainer Cookies { get; }

    /// <summary>URLs requested by the last <see cref="FollowAsync"/>, in order.</summary>
    public List<Uri> Visited { get; } = [];

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await _client.SendAsync(request);

    public Task<HttpResponseMessage> GetAsync(Uri url) => _client.GetAsync(url);

    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(new Uri(url));

    /// <summary>
    /// Requests <paramref name="url"/> and follows redirects; at the identity provider's login form
    /// it signs in as <paramref name="login"/> (when given) and grants consent. Returns the first
    /// response that is no redirect and no identity provider form.
    /// </summary>
    /// <param name="url">The first URL.</param>
    /// <param name="login">The login name to sign in with, or <see langword="null"/> to stop at the login form.</param>
    /// <param name="stopAt">Redirect targets that are returned instead of followed.</param>
    public async Task<HttpResponseMessage> FollowAsync(Uri url, string? login = null, Func<Uri, bool>? stopAt = null)
    {
        Visited.Clear();
        var response = await _client.GetAsync(url);
        for (var step = 0; step < 30; step++)
        {
            Visited.Add(url);
            if (response.Headers.Location is { } location && (int)response.StatusCode is >= 300 and < 400)
            {
                url = new Uri(url, location);
                if (stopAt?.Invoke(url) == true)
                {
                    Visited.Add(url);
                    return response;
                }

                response.Dispose();
                response = await _client.GetAsync(url);
                continue;
            }

            var body = await response.Content.ReadAsStringAsync();
            if (url.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal))
            {
                var fields = body.Contains("name=\"login\"", StringComparison.Ordinal) && login is not null
                    ? new Dictionary<string, string> { ["prompt"] = "login", ["login"] = login, ["password"] = "any" }
                    : body.Contains("value=\"consent\"", StringComparison.Ordinal)
                        ? new Dictionary<string, string> { ["prompt"] = "consent" }
                        : null;
                if (fields is not null)
                {
                    response.Dispose();
                    response = await _client.PostAsync(url, new FormUrlEncodedContent(fields));
                    continue;
                }
            }

            return response;
        }

        throw new InvalidOperationException("More than 30 redirects, last URL " + url);
    }

    public static async Task<UpstreamEcho> ReadEchoAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<UpstreamEcho>(await response.Content.ReadAsStringAsync(), JsonOptions)!;

    public void Dispose() => _client.Dispose();
}
