using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>Small HTML error pages the outpost returns.</summary>
internal static class ErrorPages
{
    public static async Task WriteAsync(HttpContext context, int statusCode, string title, string detail)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.Clear();
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers[HeaderNames.CacheControl] = "no-store";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
            <body>
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p>{WebUtility.HtmlEncode(detail)}</p>
            <p>authentik outpost</p>
            </body>
            </html>
            """;
        await response.WriteAsync(html, context.RequestAborted);
    }
}
