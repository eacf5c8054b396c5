using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.StaticFiles;

/// <summary>Writes the response for a request the static stage claimed.</summary>
internal sealed class StaticFilesResponder : IDisposable
{
    private readonly StaticFileRoot?[] _roots;
    private readonly WellKnownDocuments _documents;
    private readonly ILogger _logger;

    public StaticFilesResponder(StaticFilesOptions options, IWebHostEnvironment environment, ILoggerFactory loggerFactory)
    {
        _logger = loggerFactory.CreateLogger<StaticFilesStage>();
        _documents = WellKnownDocuments.Load();

        var contentTypes = AuthentikContentTypes.Create();
        StaticFileRoot Open(string setting, string path, string prefixes) =>
            StaticFileRoot.Open(setting, path, prefixes, environment, contentTypes, loggerFactory, _logger);

        _roots = new StaticFileRoot?[Enum.GetValues<StaticContent>().Length];
        _roots[(int)StaticContent.Dist] = Open("dist_path", options.DistPath, "/static/dist/ and /if/*/assets/");
        _roots[(int)StaticContent.Authentik] = Open("authentik_path", options.AuthentikPath, "/static/authentik/");
        _roots[(int)StaticContent.Help] = Open("help_path", options.HelpPath, "/help/");
        if (options.ServeMedia != false && options.MediaPath is not null)
        {
            _roots[(int)StaticContent.Media] = Open("media_path", options.MediaPath, "/media/");
        }
        else
        {
            Log.MediaNotServed(_logger);
        }

        if (options.AuthentikHostsOnly)
        {
            Log.AuthentikHostsOnly(_logger);
        }
    }

    /// <summary>Returns whether a folder is configured for <paramref name="content"/>; always true for the two documents.</summary>
    public bool Serves(StaticContent content) =>
        content is StaticContent.RobotsTxt or StaticContent.SecurityTxt || _roots[(int)content] is not null;

    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var match = StaticPathMatcher.Match(path);
        StaticResponses.ApplyStaticHeaders(context.Response, match.Content);

        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            Log.MethodNotAllowed(_logger, new RequestText(method), new RequestText(path));
            return StaticResponses.WriteMethodNotAllowedAsync(context);
        }

        if (match.Content is StaticContent.RobotsTxt or StaticContent.SecurityTxt)
        {
            return _documents.WriteAsync(context, match.Content);
        }

        var root = _roots[(int)match.Content];
        return root is null
            ? StaticResponses.WriteNotFoundAsync(context)
            : root.ServeAsync(context, path[match.SubpathStart..]);
    }

    public void Dispose()
    {
        foreach (var root in _roots)
        {
            root?.Dispose();
        }
    }
}
