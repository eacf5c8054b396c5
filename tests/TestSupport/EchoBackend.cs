using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.TestSupport;

/// <summary>
/// A stand-in for the authentik backend: a Kestrel server on a free 127.0.0.1 port that responds to
/// <c>/-/health/live/</c> (200, or 503 while <see cref="IsHealthy"/> is false), echoes every other
/// request as JSON, and offers endpoints that misbehave on purpose:
/// <list type="bullet">
/// <item><c>/echo-ws</c>: a WebSocket that sends back each text message.</item>
/// <item><c>/abort</c>: reads the request, then drops the connection without a response.</item>
/// <item><c>/stall</c>: never responds until the request is cancelled.</item>
/// </list>
/// Every response carries <c>Server: echo-backend</c>.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    /// <summary>Value of the <c>Server</c> header on every response.</summary>
    public const string ServerHeader = "echo-backend";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<EchoedRequest> _requests = new();
    private volatile bool _isHealthy = true;

    private EchoBackend(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Base URL, such as <c>http://127.0.0.1:41234</c>, without a trailing slash.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Whether <c>/-/health/live/</c> returns 200 rather than 503.</summary>
    public bool IsHealthy
    {
        get => _isHealthy;
        set => _isHealthy = value;
    }

    /// <summary>Every request received, health checks included, in arrival order.</summary>
    public IReadOnlyCollection<EchoedRequest> Requests => _requests;

    /// <summary>Starts the backend on a free loopback port.</summary>
    public static async Task<EchoBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });

        var backend = new EchoBackend(builder.Build());
        backend._app.UseWebSockets();
        backend._app.Run(backend.HandleAsync);
        await backend._app.StartAsync();

        var addresses = backend._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        backend.Url = addresses.Addresses.Single().TrimEnd('/');
        return backend;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Stalled requests are cut off by disposing the application below.
        }

        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new EchoedRequest(request.Method, request.Path + request.QueryString, headers));
        context.Response.Headers.Server = ServerHeader;

        switch (request.Path.Value)
        {
            case "/-/health/live/":
                context.Response.StatusCode = IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                return;
            case "/echo-ws":
                await EchoWebSocketAsync(context);
                return;
            case "/abort":
                await DrainAsync(request);
                context.Abort();
                return;
            case "/stall":
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
        }

        var bodyLength = await DrainAsync(request);
        var echo = new
        {
            method = request.Method,
            path = request.Path.Value,
            query = request.QueryString.Value,
            host = request.Host.Value,
            bodyLength,
            headers,
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(echo));
    }

    private static async Task<long> DrainAsync(HttpRequest request)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static async Task EchoWebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, context.RequestAborted);
        }
    }
}
