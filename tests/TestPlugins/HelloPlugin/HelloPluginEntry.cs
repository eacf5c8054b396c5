using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Authentik.Plugins.TestPlugins.Hello;

/// <summary>Binds <see cref="HelloOptions"/> from the plugin's own configuration section.</summary>
public sealed class HelloPluginEntry : IPluginEntry
{
    public void ConfigureServices(PluginServiceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var options = context.Configuration.Get<HelloOptions>() ?? new HelloOptions();
        context.Services.AddSingleton(options);
    }
}
