using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// One folder served from disk. ASP.NET Core's <see cref="StaticFileMiddleware"/> reads it through a
/// <see cref="ConfinedFileProvider"/> and handles conditional, range and HEAD requests; path checks
/// and the choice of a precompressed sibling run before it.
/// </summary>
internal sealed class StaticFileRoot : IDisposable
{
    private readonly ConfinedFileProvider? _files;
    private readonly RequestDelegate _serveFile;
    private readonly IContentTypeProvider _contentTypes;
    private readonly ILogger _logger;

    private StaticFileRoot(ConfinedFileProvider? files, RequestDelegate serveFile, IContentTypeProvider contentTypes, ILogger logger)
    {
        _files = files;
        _serveFile = serveFile;
        _contentTypes = contentTypes;
        _logger = logger;
    }

    /// <summary>
    /// Opens the folder at <paramref name="configuredPath"/>, resolved against the working
    /// directory. A missing folder is logged once and gives a root that returns 404 for every path.
    /// </summary>
    /// <param name="setting">Configuration key of the folder, for log messages.</param>
    /// <param name="configuredPath">The configured folder.</param>
    /// <param name="prefixes">The request prefixes served from the folder, for log messages.</param>
    /// <param name="environment">The host's environment, required by the static-file middleware.</param>
    /// <param name="contentTypes">Maps file extensions to content types.</param>
    /// <param name="loggerFactory">Creates the static-file middleware's logger.</param>
    /// <param name="logger">The stage's logger.</param>
    public static StaticFileRoot Open(
        string setting,
        string configuredPath,
        string prefixes,
        IWebHostEnvironment environment,
        IContentTypeProvider contentTypes,
        ILoggerFactory loggerFactory,
        ILogger logger)
    {
        var fullPath = Path.GetFullPath(configuredPath);
        var realPath = RealPath.Resolve(fullPath);
        if (realPath is null || !Directory.Exists(realPath))
        {
            if (File.Exists(fullPath))
            {
                Log.FolderNotDirectory(logger, fullPath, setting, configuredPath, prefixes);
            }
            else
            {
                Log.FolderMissing(logger, fullPath, setting, configuredPath, prefixes);
            }

            return new StaticFileRoot(null, StaticResponses.WriteNotFoundAsync, contentTypes, logger);
        }

        var files = new ConfinedFileProvider(realPath);
        var options = new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = contentTypes,
            ServeUnknownFileTypes = true,
            DefaultContentType = AuthentikContentTypes.Default,
            HttpsCompression = HttpsCompressionMode.DoNotCompress,
            OnPrepareResponse = ApplyPrecompressedVariant,
        };
        var middleware = new StaticFileMiddleware(StaticResponses.WriteNotFoundAsync, environment, Options.Create(options), loggerFactory);
        Log.FolderServed(logger, prefixes, realPath);

        return new StaticFileRoot(files, middleware.Invoke, contentTypes, logger);
    }

    /// <summary>Serves the file named by <paramref name="subpath"/>, which starts with <c>/</c>.</summary>
    public async Task ServeAsync(HttpContext context, string subpath)
    {
        if (_files is null)
        {
            await StaticResponses.WriteNotFoundAsync(context);
            return;
        }

        switch (FilePathRules.Check(subpath))
        {
            case FilePathVerdict.Malformed:
                Log.PathRejected(_logger, new RequestText(subpath), StatusCodes.Status400BadRequest);
                await StaticResponses.WriteBadRequestAsync(context);
                return;
            case FilePathVerdict.NotFound:
                Log.PathRejected(_logger, new RequestText(subpath), StatusCodes.Status404NotFound);
                await StaticResponses.WriteNotFoundAsync(context);
                return;
        }

        var selection = ContentEncodingSelector.Select(context.Request, _files, subpath);

        // A sibling stands in for its file only while the file itself exists. Without a sibling,
        // the middleware looks the file up itself and calls WriteNotFoundAsync when it is missing.
        if (selection.Suffix is not null && !_files.GetFileInfo(subpath).Exists)
        {
            await StaticResponses.WriteNotFoundAsync(context);
            return;
        }

        if (selection.HasSiblings)
        {
            context.Response.Headers.Vary = StaticResponses.VaryWithEncoding;
        }

        var servedPath = subpath;
        if (selection.Suffix is not null && selection.ContentEncoding is not null)
        {
            servedPath = subpath + selection.Suffix;
            var contentType = _contentTypes.TryGetContentType(subpath, out var type) ? type : AuthentikContentTypes.Default;
            context.Features.Set(new PrecompressedVariant(selection.ContentEncoding, contentType));
        }

        await ServeFromMiddlewareAsync(context, servedPath);
    }

    public void Dispose() => _files?.Dispose();

    /// <summary>
    /// Runs the static-file middleware with the request path set to the file's path inside the
    /// folder, then restores the request as the host routed it.
    /// </summary>
    /// <remarks>
    /// The middleware serves nothing when the request already has an endpoint with a request
    /// delegate, so the endpoint is cleared while it runs.
    /// </remarks>
    private async Task ServeFromMiddlewareAsync(HttpContext context, string servedPath)
    {
        var request = context.Request;
        var routedPath = request.Path;
        var routedPathBase = request.PathBase;
        var endpoint = context.GetEndpoint();

        request.PathBase = PathString.Empty;
        request.Path = new PathString(servedPath);
        context.SetEndpoint(null);
        try
        {
            await _serveFile(context);
        }
        finally
        {
            request.Path = routedPath;
            request.PathBase = routedPathBase;
            context.SetEndpoint(endpoint);
            context.Features.Set<PrecompressedVariant>(null);
        }
    }

    /// <summary>Gives a precompressed sibling the uncompressed file's type and its <c>Content-Encoding</c>.</summary>
    private static void ApplyPrecompressedVariant(StaticFileResponseContext fileContext)
    {
        var context = fileContext.Context;
        var variant = context.Features.Get<PrecompressedVariant>();
        if (variant is null || context.Response.StatusCode >= StatusCodes.Status400BadRequest)
        {
            return;
        }

        context.Response.ContentType = variant.ContentType;
        context.Response.Headers.ContentEncoding = variant.ContentEncoding;
    }
}
