using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Authentik.Plugins.StaticFiles.Tests.Support;

/// <summary>
/// Sends one HTTP/1.1 request over a plain socket with the request target exactly as given, which
/// <see cref="HttpClient"/> would normalise (dot segments, backslashes, percent-encoding).
/// </summary>
internal static class RawHttp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<RawResponse> SendAsync(int port, string requestTarget, string method = "GET", string host = "localhost")
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        await using var stream = client.GetStream();

        var request = $"{method} {requestTarget} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), timeout.Token);

        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);

        return RawResponse.Parse(Encoding.Latin1.GetString(received.ToArray()));
    }
}

/// <summary>A response read off the socket; <see cref="Body"/> is decoded as Latin-1 and de-chunked when sent chunked.</summary>
internal sealed record RawResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static RawResponse Parse(string text)
    {
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headerEnd > 0, $"Response has no header end: '{text}'");

        var lines = text[..headerEnd].Split("\r\n");
        var statusCode = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        var body = text[(headerEnd + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var transferEncoding) && transferEncoding == "chunked")
        {
            body = Dechunk(body);
        }

        return new RawResponse(statusCode, headers, body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new System.Text.StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            Assert.True(lineEnd > position, $"Malformed chunked body: '{chunked}'");
            var size = Convert.ToInt32(chunked[position..lineEnd], 16);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
