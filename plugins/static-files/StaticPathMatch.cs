namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// The content a request path names and where the file's path inside its folder starts: the
/// request path from <see cref="SubpathStart"/> on, which begins with <c>/</c>.
/// </summary>
internal readonly record struct StaticPathMatch(StaticContent Content, int SubpathStart)
{
    public static StaticPathMatch None => default;

    public bool IsMatch => Content != StaticContent.None;
}
