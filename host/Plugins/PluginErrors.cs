using System.Reflection;

namespace Authentik.Plugins.Host.Plugins;

/// <summary>Describes exceptions from plugin code for load reports.</summary>
internal static class PluginErrors
{
    /// <summary>Returns the exception type and message, unwrapped from reflection's <see cref="TargetInvocationException"/>.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        while (exception is TargetInvocationException { InnerException: { } inner })
        {
            exception = inner;
        }

        return $"{exception.GetType().Name}: {exception.Message}";
    }
}
