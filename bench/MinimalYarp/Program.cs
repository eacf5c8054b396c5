using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

// A minimal YARP app: one catch-all route to one backend, keeping the client's Host header as the
// host does. The backend comes from BENCH_BACKEND_URL and the listen address from --urls.
var backendUrl = Environment.GetEnvironmentVariable("BENCH_BACKEND_URL");
if (string.IsNullOrEmpty(backendUrl) || !Uri.TryCreate(backendUrl, UriKind.Absolute, out _))
{
    Console.Error.WriteLine($"BENCH_BACKEND_URL is missing or not an absolute URL ('{backendUrl}'); set it to the backend, for example http://127.0.0.1:8000.");
    return 2;
}

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

var route = new RouteConfig
{
    RouteId = "backend",
    ClusterId = "backend",
    Match = new RouteMatch { Path = "{**catch-all}" },
}.WithTransformUseOriginalHostHeader();

var cluster = new ClusterConfig
{
    ClusterId = "backend",
    Destinations = new Dictionary<string, DestinationConfig>
    {
        ["backend"] = new() { Address = backendUrl },
    },
};

builder.Services.AddReverseProxy().LoadFromMemory([route], [cluster]);

var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();

return 0;
