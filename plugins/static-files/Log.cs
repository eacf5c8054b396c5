using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.StaticFiles;

internal static partial class Log
{
    [LoggerMessage(EventId = 2000, EventName = nameof(FolderMissing), Level = LogLevel.Warning,
        Message = "Static folder '{FullPath}' (plugins:static-files:{Setting} = '{ConfiguredPath}') does not exist; requests under {Prefixes} return 404 until the folder is created and the host restarted.")]
    public static partial void FolderMissing(ILogger logger, string fullPath, string setting, string configuredPath, string prefixes);

    [LoggerMessage(EventId = 2001, EventName = nameof(FolderNotDirectory), Level = LogLevel.Warning,
        Message = "Static folder '{FullPath}' (plugins:static-files:{Setting} = '{ConfiguredPath}') is a file, not a folder; requests under {Prefixes} return 404 until the setting names a folder and the host restarted.")]
    public static partial void FolderNotDirectory(ILogger logger, string fullPath, string setting, string configuredPath, string prefixes);

    [LoggerMessage(EventId = 2002, EventName = nameof(FolderServed), Level = LogLevel.Information,
        Message = "Serving {Prefixes} from '{FullPath}'.")]
    public static partial void FolderServed(ILogger logger, string prefixes, string fullPath);

    [LoggerMessage(EventId = 2003, EventName = nameof(MediaNotServed), Level = LogLevel.Information,
        Message = "Not serving /media/: plugins:static-files:serve_media is false or storage:media:backend is not 'file'.")]
    public static partial void MediaNotServed(ILogger logger);

    [LoggerMessage(EventId = 2004, EventName = nameof(AuthentikHostsOnly), Level = LogLevel.Information,
        Message = "Static files are served only for hosts that belong to no proxy provider (plugins:static-files:authentik_hosts_only).")]
    public static partial void AuthentikHostsOnly(ILogger logger);

    [LoggerMessage(EventId = 2005, EventName = nameof(PathRejected), Level = LogLevel.Debug,
        Message = "Rejected static file path '{Path}' with status {StatusCode}.")]
    public static partial void PathRejected(ILogger logger, RequestText path, int statusCode);

    [LoggerMessage(EventId = 2006, EventName = nameof(MethodNotAllowed), Level = LogLevel.Debug,
        Message = "Rejected method {Method} for static path '{Path}' with status 405.")]
    public static partial void MethodNotAllowed(ILogger logger, RequestText method, RequestText path);

    [LoggerMessage(EventId = 2007, EventName = nameof(SettingsInvalid), Level = LogLevel.Error,
        Message = "The static-files settings are invalid, so the static stage is left out and its paths go to the later stages: {Failures}")]
    public static partial void SettingsInvalid(ILogger logger, string failures);
}
