using System.Diagnostics;
using System.Text.Json;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>The oidc-provider package run by <c>tests/peers/oidc-idp.mjs</c> on a free loopback port.</summary>
internal sealed class IdentityProviderProcess : IAsyncDisposable
{
    private readonly Process _process;

    private IdentityProviderProcess(Process process, Uri issuer)
    {
        _process = process;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    public static async Task<IdentityProviderProcess> StartAsync(IEnumerable<IdentityProviderClient> clients, object accounts)
    {
        var start = new ProcessStartInfo("node", Path.Combine(RepositoryPaths.Root, "tests", "peers", "oidc-idp.mjs"))
        {
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "tests", "peers"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OIDC_CLIENTS"] = JsonSerializer.Serialize(clients.Select(client => new Dictionary<string, object>
        {
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
            ["redirect_uris"] = client.RedirectUris,
            ["post_logout_redirect_uris"] = Array.Empty<string>(),
        }));
        start.Environment["OIDC_ACCOUNTS"] = JsonSerializer.Serialize(accounts);

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new StringWriterLines();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith("listening on ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(new Uri(line.Data["listening on ".Length..]));
            }
        };
        process.ErrorDataReceived += (_, line) => errors.Add(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("oidc-provider did not start within 60 s. Its error output:\n" + errors);
        }

        return new IdentityProviderProcess(process, await ready.Task);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
