using System.Diagnostics;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.StaticFiles.Tests.Support;

/// <summary>Runs a node script from this test project's <c>browser</c> folder and collects its output.</summary>
internal static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string scriptName, params string[] arguments)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "StaticFiles.Tests", "browser", scriptName);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Starting node failed; install Node.js.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {scriptName} did not exit within {Timeout.TotalMinutes} minutes. Errors: {await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }
}
