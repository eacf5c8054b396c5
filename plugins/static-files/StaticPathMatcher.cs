namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// Maps request paths to the content authentik serves from disk, comparing case-sensitively like
/// authentik's router. Runs for every request, so it works on spans and never allocates.
/// </summary>
internal static class StaticPathMatcher
{
    private const string DistPrefix = "/static/dist/";
    private const string AuthentikPrefix = "/static/authentik/";
    private const string MediaPrefix = "/media/";
    private const string HelpPrefix = "/help/";
    private const string InterfacePrefix = "/if/";
    private const string AssetsSegment = "/assets";
    private const string RobotsTxtPath = "/robots.txt";
    private const string SecurityTxtPath = "/.well-known/security.txt";

    public static StaticPathMatch Match(ReadOnlySpan<char> path)
    {
        if (path.StartsWith(DistPrefix, StringComparison.Ordinal))
        {
            return new StaticPathMatch(StaticContent.Dist, DistPrefix.Length - 1);
        }

        if (path.StartsWith(AuthentikPrefix, StringComparison.Ordinal))
        {
            return new StaticPathMatch(StaticContent.Authentik, AuthentikPrefix.Length - 1);
        }

        if (path.StartsWith(MediaPrefix, StringComparison.Ordinal))
        {
            return new StaticPathMatch(StaticContent.Media, MediaPrefix.Length - 1);
        }

        if (path.StartsWith(HelpPrefix, StringComparison.Ordinal))
        {
            return new StaticPathMatch(StaticContent.Help, HelpPrefix.Length - 1);
        }

        if (path.StartsWith(InterfacePrefix, StringComparison.Ordinal))
        {
            return MatchInterfaceAssets(path);
        }

        if (path.SequenceEqual(RobotsTxtPath))
        {
            return new StaticPathMatch(StaticContent.RobotsTxt, path.Length);
        }

        if (path.SequenceEqual(SecurityTxtPath))
        {
            return new StaticPathMatch(StaticContent.SecurityTxt, path.Length);
        }

        return StaticPathMatch.None;
    }

    /// <summary>
    /// Matches the interfaces' asset paths, which authentik serves from the dist folder so that
    /// relative font and image URLs in its stylesheets resolve: <c>/if/admin/assets…</c> and
    /// <c>/if/user/assets…</c>, and <c>/if/flow/{slug}/assets…</c> and
    /// <c>/if/rac/{slug}/assets…</c>. The part before <c>/assets</c> is stripped.
    /// </summary>
    private static StaticPathMatch MatchInterfaceAssets(ReadOnlySpan<char> path)
    {
        var afterInterface = path[InterfacePrefix.Length..];
        var interfaceLength = afterInterface.IndexOf('/');
        if (interfaceLength <= 0)
        {
            return StaticPathMatch.None;
        }

        var interfaceName = afterInterface[..interfaceLength];
        var prefixLength = InterfacePrefix.Length + interfaceLength;
        if (interfaceName.SequenceEqual("flow") || interfaceName.SequenceEqual("rac"))
        {
            var slugStart = prefixLength + 1;
            var slugLength = path[slugStart..].IndexOf('/');
            if (slugLength <= 0)
            {
                return StaticPathMatch.None;
            }

            prefixLength = slugStart + slugLength;
        }
        else if (!interfaceName.SequenceEqual("admin") && !interfaceName.SequenceEqual("user"))
        {
            return StaticPathMatch.None;
        }

        var rest = path[prefixLength..];
        var isAssets = rest.StartsWith(AssetsSegment, StringComparison.Ordinal)
            && (rest.Length == AssetsSegment.Length || rest[AssetsSegment.Length] == '/');

        return isAssets ? new StaticPathMatch(StaticContent.Dist, prefixLength) : StaticPathMatch.None;
    }
}
