using System.Text.Json;

namespace Authentik.Plugins.Host.Forwarding;

/// <summary>
/// authentik's error responses for requests it cannot pass on: <c>failed to connect to authentik
/// backend: &lt;reason&gt;</c> as plain text, or as <c>{"error": "…"}</c> when the client accepts
/// JSON; and the "authentik starting" response while the backend is not up.
/// </summary>
internal static class BackendErrorResponse
{
    public const string StartingMessage = "authentik starting";
    public const string FailurePrefix = "failed to connect to authentik backend: ";

    /// <summary>Seconds a client should wait before retrying while the backend starts.</summary>
    public const string StartingRetryAfterSeconds = "5";

    private const string StartingPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="refresh" content="5">
        <title>authentik starting</title>
        </head>
        <body>
        <h1>authentik is starting</h1>
        <p>This page reloads every 5 seconds until authentik is ready.</p>
        </body>
        </html>
        """;

    /// <summary>Writes <paramref name="status"/> with <c>failed to connect to authentik backend: <paramref name="reason"/></c>.</summary>
    public static Task WriteAsync(HttpContext context, int status, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);

        var response = context.Response;
        response.StatusCode = status;
        var message = FailurePrefix + reason;

        return AcceptsJson(context.Request)
            ? WriteJsonAsync(response, message)
            : WritePlainAsync(response, message);
    }

    /// <summary>Writes 503 with <c>Retry-After: 5</c> and a JSON, HTML or plain-text body chosen by <c>Accept</c>.</summary>
    public static Task WriteStartingAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = StartingRetryAfterSeconds;

        if (AcceptsJson(context.Request))
        {
            return WriteJsonAsync(response, StartingMessage);
        }

        if (Accepts(context.Request, "text/html"))
        {
            response.ContentType = "text/html; charset=utf-8";
            return response.WriteAsync(StartingPage, context.RequestAborted);
        }

        return WritePlainAsync(response, StartingMessage);
    }

    private static bool AcceptsJson(HttpRequest request) => Accepts(request, "application/json");

    private static bool Accepts(HttpRequest request, string mediaType)
    {
        foreach (var value in request.Headers.Accept)
        {
            if (value is not null && value.Contains(mediaType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Task WriteJsonAsync(HttpResponse response, string message)
    {
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(new ErrorBody(message)), response.HttpContext.RequestAborted);
    }

    private static Task WritePlainAsync(HttpResponse response, string message)
    {
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(message, response.HttpContext.RequestAborted);
    }

    private sealed record ErrorBody([property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error);
}
