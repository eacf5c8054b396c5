namespace Authentik.Plugins.Deployment;

/// <summary>What a deployment run does to one object.</summary>
public enum DeploymentActionKind
{
    /// <summary>The object exists and matches; nothing is sent.</summary>
    Unchanged,

    /// <summary>The object is missing and is created.</summary>
    Create,

    /// <summary>The object is changed in place.</summary>
    Update,

    /// <summary>The object is deleted and created again, because the platform cannot change it in place.</summary>
    Recreate,

    /// <summary>The object matches but is stopped, and is started.</summary>
    Start,

    /// <summary>The object belongs to an outpost that no longer exists, and is deleted.</summary>
    Remove,

    /// <summary>The integration deliberately does nothing for the outpost; <see cref="DeploymentAction.Reason"/> says why.</summary>
    Skipped,
}
