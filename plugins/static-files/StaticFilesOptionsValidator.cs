using Microsoft.Extensions.Options;

namespace Authentik.Plugins.StaticFiles;

/// <summary>Rejects root paths that cannot name a folder, listing every invalid setting at once.</summary>
internal sealed class StaticFilesOptionsValidator : IValidateOptions<StaticFilesOptions>
{
    public ValidateOptionsResult Validate(string? name, StaticFilesOptions options)
    {
        var failures = new List<string>();
        ValidatePath(failures, "dist_path", options.DistPath);
        ValidatePath(failures, "authentik_path", options.AuthentikPath);
        ValidatePath(failures, "help_path", options.HelpPath);
        ValidatePath(failures, "media_path", options.MediaPath);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePath(List<string> failures, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"plugins:static-files:{key} is empty; name a folder or remove the setting to use the default.");
            return;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            failures.Add($"plugins:static-files:{key} '{value.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character; name a folder.");
        }
    }
}
