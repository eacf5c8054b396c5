using Authentik.Plugins.Host.Configuration;

namespace Authentik.Plugins.Host.Commands;

/// <summary><c>config check</c>: prints every configuration error and warning and exits 1 when there are errors.</summary>
internal sealed class ConfigCheckCommand : IHostCommand
{
    private readonly ConfigurationReport _report;

    public ConfigCheckCommand(ConfigurationReport report)
    {
        _report = report;
    }

    public string Name => "config";

    public string Description => "check: prints every configuration error and warning; exits 1 when there is an error.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);

        if (arguments is not ["check"])
        {
            await output.WriteLineAsync("Usage: config check");
            return 2;
        }

        await output.WriteLineAsync(_report.Format());
        return _report.HasErrors ? 1 : 0;
    }
}
