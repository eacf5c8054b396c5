using System.Diagnostics;
using System.Text.Json;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>Runs <c>tests/peers/browser-round-trip.mjs</c>, which drives headless Chromium through login and sign-out.</summary>
internal static class BrowserRoundTrip
{
    private const string HostRules = "MAP *.outpost.test 127.0.0.1, MAP *.domain.test 127.0.0.1";

    public static async Task<JsonElement> RunAsync(string url, string signOutUrl)
    {
        var start = new ProcessStartInfo("node", Path.Combine(RepositoryPaths.Root, "tests", "peers", "browser-round-trip.mjs"))
        {
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "tests", "peers"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ROUND_TRIP_URL"] = url;
        start.Environment["ROUND_TRIP_SIGN_OUT_URL"] = signOutUrl;
        start.Environment["ROUND_TRIP_HOST_RULES"] = HostRules;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The browser round trip did not finish within 3 minutes.");
        }

        var lastLine = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || lastLine is null)
        {
            throw new InvalidOperationException($"The browser round trip failed with exit code {process.ExitCode}:\n{await errors}");
        }

        return JsonDocument.Parse(lastLine).RootElement.Clone();
    }
}
