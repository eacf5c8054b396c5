using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>A reverse proxy (nginx or Caddy) started by a test; stopped by its process id.</summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriterLines _output;

    private PeerProcess(Process process, StringWriterLines output)
    {
        _process = process;
        _output = output;
    }

    public string Output => _output.ToString();

    /// <summary>Starts <paramref name="fileName"/> and waits until 127.0.0.1:<paramref name="port"/> accepts connections.</summary>
    public static async Task<PeerProcess> StartAsync(string fileName, IEnumerable<string> arguments, int port, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringWriterLines();
        var process = Process.Start(start) ?? throw new InvalidOperationException(fileName + " did not start.");
        process.OutputDataReceived += (_, line) => output.Add(line.Data);
        process.ErrorDataReceived += (_, line) => output.Add(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var peer = new PeerProcess(process, output);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return peer;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await peer.DisposeAsync();
        throw new InvalidOperationException($"{fileName} did not listen on 127.0.0.1:{port}. Its output:\n{output}");
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
