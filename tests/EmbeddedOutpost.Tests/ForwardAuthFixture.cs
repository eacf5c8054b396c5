using Authentik.Plugins.EmbeddedOutpost.Tests.Support;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

/// <summary>The outpost fixture plus nginx and Caddy (Debian's packages) in front of it, configured as authentik documents.</summary>
public sealed class ForwardAuthFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outpost-proxies-" + Guid.NewGuid().ToString("N"));
    private PeerProcess? _nginx;
    private PeerProcess? _caddy;

    public OutpostFixture Outpost { get; } = new();

    public async Task InitializeAsync()
    {
        await Outpost.InitializeAsync();

        var nginxDirectory = Path.Combine(_directory, "nginx");
        Directory.CreateDirectory(Path.Combine(nginxDirectory, "tmp"));
        var nginxConfig = Path.Combine(nginxDirectory, "nginx.conf");
        await File.WriteAllTextAsync(nginxConfig, ForwardAuthConfigs.Nginx(nginxDirectory, Outpost.NginxPort, Outpost.Port, Outpost.Upstream.Address));
        _nginx = await PeerProcess.StartAsync("nginx", ["-p", nginxDirectory, "-e", Path.Combine(nginxDirectory, "error.log"), "-c", nginxConfig], Outpost.NginxPort);

        var caddyDirectory = Path.Combine(_directory, "caddy");
        Directory.CreateDirectory(caddyDirectory);
        var caddyfile = Path.Combine(caddyDirectory, "Caddyfile");
        await File.WriteAllTextAsync(caddyfile, ForwardAuthConfigs.Caddy(caddyDirectory, Outpost.CaddyHost, Outpost.Port, Outpost.Upstream.Address));
        _caddy = await PeerProcess.StartAsync(
            "caddy",
            ["run", "--config", caddyfile, "--adapter", "caddyfile"],
            Outpost.CaddyPort,
            new Dictionary<string, string>
            {
                ["XDG_DATA_HOME"] = Path.Combine(caddyDirectory, "xdg-data"),
                ["XDG_CONFIG_HOME"] = Path.Combine(caddyDirectory, "xdg-config"),
                ["HOME"] = caddyDirectory,
            });
    }

    public async Task DisposeAsync()
    {
        if (_caddy is not null)
        {
            await _caddy.DisposeAsync();
        }

        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        await Outpost.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
