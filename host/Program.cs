using Authentik.Plugins.Host.Commands;
using Authentik.Plugins.Host.Configuration;
using Authentik.Plugins.Host.Deployment;
using Authentik.Plugins.Host.Hosting;
using Authentik.Plugins.Host.Outposts;
using Authentik.Plugins.Host.Plugins;

// With arguments the host runs a command (config check, routes, plugins, ...) and exits.
var runsCommand = args.Length > 0;
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });

// Configuration: defaults, YAML files, AUTHENTIK_* variables; every problem is collected.
var report = new ConfigurationReport();
builder.Configuration.AddAuthentikConfiguration(report);
var settings = HostSettingsReader.Read(builder.Configuration, report);
if (runsCommand)
{
    // A serving host keeps running with outpost errors; config check reports them.
    report.AddOutpostProblems(builder.Configuration);
}

builder.Services.AddSingleton(report).AddSingleton(settings);

builder.Logging.AddAuthentikLogging(settings, runsCommand);
builder.WebHost.UseAuthentikListeners(settings);

builder.Services
    .AddHostSecurity()
    .AddDropInPlugins(settings, builder.Configuration)
    .AddRoutingStages()
    .AddAuthentikOutposts(builder.Configuration)
    .AddEmbeddedOutpost(builder.Configuration)
    .AddBackendForwarding()
    .AddHostCommands()
    .AddDeployment();

await using var app = builder.Build();

if (runsCommand)
{
    var runner = app.Services.GetRequiredService<HostCommandRunner>();
    return await runner.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

if (!app.PrepareToServe())
{
    return 1;
}

app.UseAuthentikRouting();
await app.RunAsync();
return 0;
