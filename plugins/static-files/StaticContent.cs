namespace Authentik.Plugins.StaticFiles;

/// <summary>What a request path names, and for files the folder it is served from.</summary>
internal enum StaticContent
{
    /// <summary>The path is not served by this stage.</summary>
    None,

    /// <summary>The packaged web interface, <c>dist_path</c>.</summary>
    Dist,

    /// <summary>authentik's own images and icons, <c>authentik_path</c>.</summary>
    Authentik,

    /// <summary>The packaged documentation, <c>help_path</c>.</summary>
    Help,

    /// <summary>User uploads, <c>media_path</c>.</summary>
    Media,

    /// <summary><c>/robots.txt</c>.</summary>
    RobotsTxt,

    /// <summary><c>/.well-known/security.txt</c>.</summary>
    SecurityTxt,
}
