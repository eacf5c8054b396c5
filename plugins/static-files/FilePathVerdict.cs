namespace Authentik.Plugins.StaticFiles;

/// <summary>Outcome of checking the file part of a request path before the disk is touched.</summary>
internal enum FilePathVerdict
{
    /// <summary>The path may name a file inside the folder.</summary>
    Valid,

    /// <summary>The path is malformed or tries to leave the folder: 400.</summary>
    Malformed,

    /// <summary>The path is well-formed but cannot name a servable file: 404.</summary>
    NotFound,
}
