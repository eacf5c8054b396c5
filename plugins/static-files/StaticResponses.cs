using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Authentik.Plugins.StaticFiles;

/// <summary>Headers and error responses shared by everything the stage serves.</summary>
internal static class StaticResponses
{
    public const string VersionHeader = "X-authentik-version";

    /// <summary>authentik's caching policy for its static routes: cacheable, never rewritten by proxies.</summary>
    public static readonly StringValues CacheControl = "public, no-transform";

    public static readonly StringValues Vary = "X-authentik-version, Etag";

    public static readonly StringValues VaryWithEncoding = "X-authentik-version, Etag, Accept-Encoding";

    /// <summary>Keeps an uploaded SVG or HTML file from running script or loading anything in authentik's origin.</summary>
    public static readonly StringValues MediaContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    public static readonly StringValues AllowedMethods = "GET, HEAD";

    private static readonly StringValues Version = AuthentikCompatibility.Version;
    private static readonly StringValues NoSniff = "nosniff";
    private const string ErrorContentType = "text/plain; charset=utf-8";

    /// <summary>Sets authentik's static-route headers, which every response of the stage carries.</summary>
    public static void ApplyStaticHeaders(HttpResponse response, StaticContent content)
    {
        var headers = response.Headers;
        headers.CacheControl = CacheControl;
        headers[VersionHeader] = Version;
        headers.Vary = Vary;
        if (content == StaticContent.Media)
        {
            headers.ContentSecurityPolicy = MediaContentSecurityPolicy;
        }
    }

    public static Task WriteNotFoundAsync(HttpContext context) =>
        WriteErrorAsync(context, StatusCodes.Status404NotFound, "404 page not found\n");

    public static Task WriteBadRequestAsync(HttpContext context) =>
        WriteErrorAsync(context, StatusCodes.Status400BadRequest, "400 bad request\n");

    public static Task WriteMethodNotAllowedAsync(HttpContext context)
    {
        context.Response.Headers.Allow = AllowedMethods;
        return WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "405 method not allowed\n");
    }

    /// <summary>Writes a short plain-text error like Go's <c>http.Error</c>; HEAD gets the headers only.</summary>
    private static Task WriteErrorAsync(HttpContext context, int statusCode, string body)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ErrorContentType;
        response.Headers[HeaderNames.XContentTypeOptions] = NoSniff;
        response.ContentLength = body.Length;

        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.WriteAsync(body, context.RequestAborted);
    }
}
