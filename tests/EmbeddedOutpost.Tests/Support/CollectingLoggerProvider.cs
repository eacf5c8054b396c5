using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>Keeps every log event of the outpost server, so tests can check what was logged.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    public static ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CollectingLogger();

    public void Dispose()
    {
    }

    private sealed class CollectingLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Events.Enqueue((eventId, logLevel, formatter(state, exception)));
    }
}
