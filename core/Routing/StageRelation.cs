namespace Authentik.Plugins.Routing;

/// <summary>Relation of a stage to its anchor stage.</summary>
public enum StageRelation
{
    /// <summary>The stage runs directly before its anchor.</summary>
    Before,

    /// <summary>The stage runs directly after its anchor.</summary>
    After,
}
