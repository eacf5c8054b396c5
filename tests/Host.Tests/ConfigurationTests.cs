using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

public sealed class ConfigurationTests
{
    private const string Secret = "s3cret-value-that-must-never-appear";

    private static readonly string[] ExpectedErrors =
    [
        "  error: 'secret_key' (AUTHENTIK_SECRET_KEY): is set but empty; set it to the backend's secret key, or unset it so the host generates one.",
        "  error: 'listen:http' (AUTHENTIK_LISTEN__HTTP): 'not-an-address' is not a valid listen address; expected <ip>:<port> such as 0.0.0.0:9000, [::]:9000, :9000 (all IPv4 interfaces) or localhost:9000.",
        "  error: 'log_level' (AUTHENTIK_LOG_LEVEL): 'loud' is not a log level; expected one of trace, debug, info, warning, error.",
        "  error: 'listen:trusted_proxy_cidrs' (AUTHENTIK_LISTEN__TRUSTED_PROXY_CIDRS): '10.0.0.1/8' has bits set after the prefix; write the network address, such as 10.0.0.0/8.",
        "  error: 'listen:trusted_proxy_cidrs' (AUTHENTIK_LISTEN__TRUSTED_PROXY_CIDRS): 'bogus' is not a valid network; expected <address>/<prefix length>, such as 10.0.0.0/8 or fe80::/10, separated by commas.",
        "  error: 'backend:url' (AUTHENTIK_BACKEND__URL): 'ftp://backend' is not a valid backend URL; expected an absolute http or https URL without query, such as http://localhost:8000.",
        "  error: 'tls:key' (AUTHENTIK_TLS__KEY): is empty while the other TLS file is set; set both tls:certificate and tls:key to PEM files, or neither for a self-signed certificate.",
        "  error: 'plugins:MY-PLUGIN:enabled' (AUTHENTIK_PLUGINS__MY_PLUGIN__ENABLED): 'maybe' is not a boolean; expected true or false.",
    ];

    [Fact]
    public async Task Serve_InvalidValues_StopsWithEveryProblem()
    {
        var options = CreateInvalidOptions();

        var result = await HostProcess.RunAsync(options);
        var output = result.StandardOutput + result.StandardError;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The host cannot start. Invalid configuration: 8 error(s), 0 warning(s).", output, StringComparison.Ordinal);
        foreach (var error in ExpectedErrors)
        {
            Assert.Contains(error, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_InvalidValues_PrintsReportAndFails()
    {
        var options = CreateInvalidOptions();
        options.Arguments.Add("config");
        options.Arguments.Add("check");

        var result = await HostProcess.RunAsync(options);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            string.Join("\n", ["Invalid configuration: 8 error(s), 0 warning(s).", .. ExpectedErrors]) + "\n",
            result.StandardOutput);
    }

    [Fact]
    public async Task ConfigCheck_ValidConfiguration_WarnsAboutGeneratedKey()
    {
        var options = new HostProcessOptions { DataDirectory = "/tmp/does-not-matter-for-config-check" };
        options.Arguments.Add("config");
        options.Arguments.Add("check");

        var result = await HostProcess.RunAsync(options);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "Configuration is valid: 1 warning(s).\n"
            + "  warning: 'secret_key' (AUTHENTIK_SECRET_KEY): not set, so the host generates a key and keeps it in '/tmp/does-not-matter-for-config-check/secret_key'; a deployment that shares a backend must set AUTHENTIK_SECRET_KEY instead.\n",
            result.StandardOutput);
        Assert.False(File.Exists("/tmp/does-not-matter-for-config-check/secret_key"));
    }

    [Fact]
    public async Task ConfigCheck_SecretKeySet_NeverPrintsIt()
    {
        var options = new HostProcessOptions();
        options.Environment["AUTHENTIK_SECRET_KEY"] = Secret;
        options.Environment["AUTHENTIK_LOG_LEVEL"] = "trace";
        options.Environment["AUTHENTIK_BACKEND__URL"] = "not a url";
        options.Arguments.Add("config");
        options.Arguments.Add("check");

        var result = await HostProcess.RunAsync(options);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(Secret, result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SecretKeySetAtTrace_NeverLogsIt()
    {
        var options = new HostProcessOptions();
        options.Environment["AUTHENTIK_SECRET_KEY"] = Secret;
        options.Environment["AUTHENTIK_LOG_LEVEL"] = "trace";

        await using var host = await HostProcess.StartAsync(options);
        using var client = HostProcess.CreateClient();
        using var response = await client.GetAsync(host.HttpUri);

        Assert.DoesNotContain(Secret, host.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host.DataDirectory, "secret_key")));
    }

    [Fact]
    public async Task YamlFile_Value_IsReadAndEnvironmentWins()
    {
        var fromYaml = new HostProcessOptions { ConfigFile = "log_level: loud\n" };
        fromYaml.Arguments.Add("config");
        fromYaml.Arguments.Add("check");
        var overridden = new HostProcessOptions { ConfigFile = "log_level: loud\n" };
        overridden.Environment["AUTHENTIK_LOG_LEVEL"] = "debug";
        overridden.Arguments.Add("config");
        overridden.Arguments.Add("check");

        var yamlResult = await HostProcess.RunAsync(fromYaml);
        var environmentResult = await HostProcess.RunAsync(overridden);

        Assert.Equal(1, yamlResult.ExitCode);
        Assert.Contains("'log_level' (AUTHENTIK_LOG_LEVEL): 'loud' is not a log level", yamlResult.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, environmentResult.ExitCode);
    }

    [Fact]
    public async Task YamlFile_Invalid_IsReportedWithItsPath()
    {
        var options = new HostProcessOptions { ConfigFile = "listen: [unclosed\n" };
        options.Arguments.Add("config");
        options.Arguments.Add("check");

        var result = await HostProcess.RunAsync(options);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"  error: 'config_file' \(AUTHENTIK_CONFIG_FILE\): the configuration file '/[^']+/config\.yml' is not valid YAML \(.+\); fix the file, it was ignored\.", result.StandardOutput);
    }

    [Fact]
    public async Task ConfigFile_Missing_IsReported()
    {
        var options = new HostProcessOptions();
        options.Environment["AUTHENTIK_CONFIG_FILE"] = "/nonexistent/authentik/config.yml";
        options.Arguments.Add("config");
        options.Arguments.Add("check");

        var result = await HostProcess.RunAsync(options);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            "  error: 'config_file' (AUTHENTIK_CONFIG_FILE): the configuration file '/nonexistent/authentik/config.yml' does not exist; point AUTHENTIK_CONFIG_FILE at an existing YAML file or unset it.\n",
            result.StandardOutput,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListenAddresses_SamePortForMetrics_IsReported()
    {
        var options = new HostProcessOptions();
        options.Environment["AUTHENTIK_LISTEN__HTTP"] = "127.0.0.1:19000";
        options.Environment["AUTHENTIK_LISTEN__METRICS"] = "127.0.0.1:19000";
        options.Arguments.Add("config");
        options.Arguments.Add("check");

        var result = await HostProcess.RunAsync(options);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            "  error: 'listen:metrics' (AUTHENTIK_LISTEN__METRICS): port 19000 is also used by listen:http or listen:https; choose a port of its own.\n",
            result.StandardOutput,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginEnvironmentAlias_UnderscoreFolder_DisablesHyphenatedPlugin()
    {
        var plugins = new TestPluginDirectory();
        try
        {
            plugins.AddFixture(TestPluginDirectory.Hello, "hello-world");
            var options = new HostProcessOptions { PluginDirectory = plugins.Path };
            options.Environment["AUTHENTIK_PLUGINS__HELLO_WORLD__ENABLED"] = "false";
            options.Arguments.Add("plugins");

            var result = await HostProcess.RunAsync(options);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("hello-world: disabled\n", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            plugins.Delete();
        }
    }

    private static HostProcessOptions CreateInvalidOptions()
    {
        var options = new HostProcessOptions();
        options.Environment["AUTHENTIK_SECRET_KEY"] = "";
        options.Environment["AUTHENTIK_LISTEN__HTTP"] = "not-an-address";
        options.Environment["AUTHENTIK_LOG_LEVEL"] = "loud";
        options.Environment["AUTHENTIK_LISTEN__TRUSTED_PROXY_CIDRS"] = "10.0.0.1/8,bogus";
        options.Environment["AUTHENTIK_BACKEND__URL"] = "ftp://backend";
        options.Environment["AUTHENTIK_TLS__CERTIFICATE"] = "/nonexistent/cert.pem";
        options.Environment["AUTHENTIK_PLUGINS__MY_PLUGIN__ENABLED"] = "maybe";
        return options;
    }
}
