using Microsoft.AspNetCore.Http;

namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// <c>/robots.txt</c> and <c>/.well-known/security.txt</c>, which authentik serves from texts
/// built into its binary with <c>Content-Type: text/plain</c> and status 200.
/// </summary>
internal sealed class WellKnownDocuments
{
    private const string ContentType = "text/plain";

    private readonly byte[] _robotsTxt;
    private readonly byte[] _securityTxt;

    private WellKnownDocuments(byte[] robotsTxt, byte[] securityTxt)
    {
        _robotsTxt = robotsTxt;
        _securityTxt = securityTxt;
    }

    /// <summary>Loads the texts embedded in this assembly.</summary>
    // NOTE: robots.txt is "User-agent: *" with "Disallow: /"; authentik's own web/robots.txt was
    // not available to compare. security.txt is authentik's web/security.txt as published.
    public static WellKnownDocuments Load() =>
        new(ReadResource("robots.txt"), ReadResource("security.txt"));

    public Task WriteAsync(HttpContext context, StaticContent content)
    {
        var body = content == StaticContent.RobotsTxt ? _robotsTxt : _securityTxt;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;

        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static byte[] ReadResource(string fileName)
    {
        var name = $"{typeof(WellKnownDocuments).Namespace}.{fileName}";
        using var stream = typeof(WellKnownDocuments).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from the static-files plugin assembly; rebuild the plugin.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);

        return buffer.ToArray();
    }
}
