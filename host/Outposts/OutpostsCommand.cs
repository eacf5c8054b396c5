using System.Globalization;
using Authentik.Plugins.Host.Commands;
using Authentik.Plugins.Outposts;
using Authentik.Plugins.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// The <c>outposts</c> verb: <c>outposts</c> (or <c>outposts list</c>) lists the outposts with
/// their id, whether each is embedded, its providers and its <c>authentik_host</c>;
/// <c>outposts set &lt;name&gt; authentik_host=&lt;url&gt;</c> validates the URL and writes it to
/// the local state, where a running host picks it up within <c>outposts:state_poll_interval</c>.
/// </summary>
internal sealed class OutpostsCommand : IHostCommand
{
    private const int Success = 0;
    private const int Invalid = 1;
    private const int Usage = 2;

    private const string UsageText = """
        usage: outposts [list]
               outposts set <outpost name> authentik_host=<https://host[:port]>
        """;

    private readonly IConfiguration _configuration;
    private readonly ILocalStateStore _state;
    private readonly OutpostsOptions _options;
    private readonly IServiceProvider _services;

    /// <summary>Creates the command.</summary>
    /// <param name="configuration">The host's whole configuration, for the file source.</param>
    /// <param name="state">The local state.</param>
    /// <param name="options">Which source the outposts come from.</param>
    /// <param name="services">Supplies the authentik API client when the source is <c>api</c>.</param>
    public OutpostsCommand(IConfiguration configuration, ILocalStateStore state, IOptions<OutpostsOptions> options, IServiceProvider services)
    {
        _configuration = configuration;
        _state = state;
        _options = options.Value;
        _services = services;
    }

    /// <inheritdoc />
    public string Name => "outposts";

    /// <inheritdoc />
    public string Description => "List outposts and providers, or set an outpost's authentik_host: outposts set <name> authentik_host=<url>.";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);

        if (arguments.Count == 0 || (arguments.Count == 1 && arguments[0] == "list"))
        {
            return await ListAsync(output, cancellationToken);
        }

        if (arguments.Count == 3 && arguments[0] == "set")
        {
            return await SetAsync(arguments[1], arguments[2], output, cancellationToken);
        }

        await output.WriteLineAsync(UsageText);
        return Usage;
    }

    private async Task<int> ListAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (await ReadOutpostsAsync(output, cancellationToken) is not { } outposts)
        {
            return Invalid;
        }

        var stored = await _state.GetAllAsync(OutpostStateKeys.AuthentikHostScope, cancellationToken);
        foreach (var outpost in outposts)
        {
            var host = stored.TryGetValue(outpost.Name, out var value) && AuthentikHostUrl.IsValid(value)
                ? $"{value} (local state)"
                : outpost.Settings.AuthentikHost.Length > 0 ? outpost.Settings.AuthentikHost : "(not set)";
            await output.WriteLineAsync(outpost.Name);
            await output.WriteLineAsync($"  uuid: {outpost.Uuid:N}");
            await output.WriteLineAsync($"  embedded: {(outpost.IsEmbedded ? "yes" : "no")}");
            await output.WriteLineAsync($"  authentik_host: {host}");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  providers: {outpost.Providers.Count}"));
            foreach (var provider in outpost.Providers)
            {
                await output.WriteLineAsync($"    {provider.Name}: {provider.ExternalHost} ({ModeName(provider.Mode)})");
            }
        }

        return Success;
    }

    private async Task<int> SetAsync(string outpostName, string assignment, TextWriter output, CancellationToken cancellationToken)
    {
        var separator = assignment.IndexOf('=', StringComparison.Ordinal);
        var key = separator < 0 ? assignment : assignment[..separator];
        if (separator < 0 || key != AuthentikHostUrl.Key)
        {
            await output.WriteLineAsync($"'{assignment}' does not set authentik_host; only authentik_host can be set here, as authentik_host=https://auth.example.com. Change other keys in the configuration or in authentik.");
            return Usage;
        }

        var value = assignment[(separator + 1)..].Trim();
        var problem = value.Length == 0
            ? $"{AuthentikHostUrl.Key} is empty; set it to the URL browsers reach authentik at, for example https://auth.example.com."
            : AuthentikHostUrl.Validate(value);
        if (problem is not null)
        {
            await output.WriteLineAsync($"{OutpostProblemSubjects.Outpost(outpostName)}: {problem}");
            return Invalid;
        }

        if (await ReadOutpostsAsync(output, cancellationToken) is not { } outposts)
        {
            return Invalid;
        }

        if (!outposts.Any(outpost => outpost.Name == outpostName))
        {
            var names = string.Join(", ", outposts.Select(outpost => $"'{outpost.Name}'"));
            await output.WriteLineAsync($"outpost '{outpostName}' is not found; the outposts are {names}.");
            return Invalid;
        }

        value = AuthentikHostUrl.Normalize(value);
        await _state.SetAsync(OutpostStateKeys.AuthentikHostScope, outpostName, value, cancellationToken);
        var seconds = _options.StatePollInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        await output.WriteLineAsync($"{OutpostProblemSubjects.Outpost(outpostName)}: authentik_host is now {value}; a running host applies it within {seconds} s.");
        return Success;
    }

    private async Task<IReadOnlyList<OutpostConfig>?> ReadOutpostsAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (string.Equals(_options.Source, OutpostsOptions.ApiSource, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var client = _services.GetRequiredService<AuthentikApiOutpostClient>();
                var fetched = await client.FetchAsync(cancellationToken);
                return fetched.Outposts;
            }
            catch (AuthentikApiException exception)
            {
                await output.WriteLineAsync($"Reading the outposts from the authentik API failed: {exception.Message}");
                return null;
            }
        }

        var result = FileOutpostReader.Read(_configuration);
        foreach (var error in result.Report.Errors)
        {
            await output.WriteLineAsync($"error: {error}");
        }

        return result.Report.IsValid ? result.Outposts : null;
    }

    private static string ModeName(ProxyMode mode) =>
        ProxyProviderReader.Modes.First(pair => pair.Value == mode).Key;
}
