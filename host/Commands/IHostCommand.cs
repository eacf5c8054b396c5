namespace Authentik.Plugins.Host.Commands;

/// <summary>
/// A command-line verb of the host (<c>config check</c>, <c>routes</c>, <c>plugins</c>,
/// <c>outposts</c>, <c>deploy</c>). The host runs the command named by its first argument
/// instead of serving; without arguments it serves.
/// </summary>
internal interface IHostCommand
{
    /// <summary>The verb, for example <c>routes</c>.</summary>
    string Name { get; }

    /// <summary>One line for the host's usage text.</summary>
    string Description { get; }

    /// <summary>Runs the command and returns the process exit code.</summary>
    /// <param name="arguments">The arguments after the verb.</param>
    /// <param name="output">Where the command writes its report.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken);
}
