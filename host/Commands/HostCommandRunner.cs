using System.Text;

namespace Authentik.Plugins.Host.Commands;

/// <summary>Runs the command named by the first argument, or prints the usage text.</summary>
internal sealed class HostCommandRunner
{
    private static readonly string[] HelpArguments = ["help", "--help", "-h"];

    private readonly IHostCommand[] _commands;

    public HostCommandRunner(IEnumerable<IHostCommand> commands)
    {
        _commands = [.. commands.OrderBy(command => command.Name, StringComparer.Ordinal)];
    }

    /// <summary>Returns the process exit code: the command's, 0 for help, 2 for an unknown command.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var verb = arguments.Count > 0 ? arguments[0] : "";
        if (HelpArguments.Contains(verb, StringComparer.OrdinalIgnoreCase))
        {
            await output.WriteAsync(FormatUsage());
            return 0;
        }

        var command = _commands.FirstOrDefault(command => string.Equals(command.Name, verb, StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            await error.WriteLineAsync($"Unknown command '{verb}'.");
            await error.WriteAsync(FormatUsage());
            return 2;
        }

        return await command.RunAsync([.. arguments.Skip(1)], output, cancellationToken);
    }

    public string FormatUsage()
    {
        var usage = new StringBuilder();
        usage.AppendLine("Usage: Authentik.Plugins.Host [command [arguments]]");
        usage.AppendLine();
        usage.AppendLine("Without a command the host serves. Commands read the same configuration and exit:");
        var width = _commands.Length == 0 ? 0 : _commands.Max(command => command.Name.Length);
        foreach (var command in _commands)
        {
            usage.Append("  ").Append(command.Name.PadRight(width + 2)).AppendLine(command.Description);
        }

        return usage.ToString();
    }
}
