namespace Authentik.Plugins.Host.Configuration;

/// <summary>One invalid or questionable configuration value.</summary>
/// <param name="Key">The configuration key, for example <c>listen:http</c>.</param>
/// <param name="Message">What is wrong with the value and the form that is expected.</param>
internal sealed record ConfigurationProblem(string Key, string Message)
{
    /// <summary>Formats the problem with the key and the environment variable that sets it.</summary>
    public override string ToString() =>
        $"'{Key}' ({ConfigurationKeys.ToEnvironmentVariable(Key)}): {Message}";
}
