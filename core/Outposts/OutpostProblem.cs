namespace Authentik.Plugins.Outposts;

/// <summary>One problem found in the outpost configuration.</summary>
/// <param name="Severity">Whether the configuration is rejected or only partly used.</param>
/// <param name="Subject">
/// The outpost or provider the problem belongs to, for example <c>outpost 'authentik Embedded Outpost'</c>
/// or <c>provider 'whoami' of outpost 'authentik Embedded Outpost'</c>.
/// </param>
/// <param name="Key">The configuration key, for example <c>external_host</c>.</param>
/// <param name="Message">What is wrong with the value and how to fix it.</param>
public sealed record OutpostProblem(OutpostProblemSeverity Severity, string Subject, string Key, string Message)
{
    /// <summary>Returns <c>subject: message</c>, the line that <c>config check</c> and the log print.</summary>
    public override string ToString() => $"{Subject}: {Message}";
}
