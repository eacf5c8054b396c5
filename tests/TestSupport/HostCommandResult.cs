namespace Authentik.Plugins.TestSupport;

/// <summary>The outcome of running the host with a command.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StandardOutput">Everything written to standard output.</param>
/// <param name="StandardError">Everything written to standard error.</param>
public sealed record HostCommandResult(int ExitCode, string StandardOutput, string StandardError);
