namespace Authentik.Plugins.Outposts;

/// <summary>How serious a problem in the outpost configuration is.</summary>
public enum OutpostProblemSeverity
{
    /// <summary>The configuration is rejected; a running host keeps its last valid configuration.</summary>
    Error,

    /// <summary>The configuration is used; the value named has no effect or part of it is ignored.</summary>
    Warning,
}
