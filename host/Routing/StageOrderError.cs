namespace Authentik.Plugins.Host.Routing;

/// <summary>A routing stage that was left out of the order, and why.</summary>
/// <param name="StageName">The stage's name.</param>
/// <param name="Source">Where the stage came from.</param>
/// <param name="Message">Why it was left out and what to change.</param>
internal sealed record StageOrderError(string StageName, string Source, string Message);
