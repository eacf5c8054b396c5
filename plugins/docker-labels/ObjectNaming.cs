using System.Text;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.DockerLabels;

/// <summary>
/// Object names from authentik's <c>object_naming_template</c>, which is a Python %-format string
/// with the keys <c>name</c> (the slugified outpost name) and <c>uuid</c> (the outpost id in hex).
/// </summary>
internal static class ObjectNaming
{
    /// <summary>Formats the container name of <paramref name="outpost"/>, lower-cased as authentik does.</summary>
    /// <exception cref="FormatException">The template uses a key or conversion other than <c>%(name)s</c>, <c>%(uuid)s</c> and <c>%%</c>.</exception>
    public static string FormatName(OutpostConfig outpost)
    {
        var template = outpost.Settings.ObjectNamingTemplate;
        var builder = new StringBuilder(template.Length + outpost.Name.Length);

        for (var index = 0; index < template.Length; index++)
        {
            if (template[index] != '%')
            {
                builder.Append(template[index]);
                continue;
            }

            var rest = template.AsSpan(index);
            if (rest.StartsWith("%%", StringComparison.Ordinal))
            {
                builder.Append('%');
                index += 1;
            }
            else if (rest.StartsWith("%(name)s", StringComparison.Ordinal))
            {
                builder.Append(Slugify(outpost.Name));
                index += "%(name)s".Length - 1;
            }
            else if (rest.StartsWith("%(uuid)s", StringComparison.Ordinal))
            {
                builder.Append(outpost.Uuid.ToString("N"));
                index += "%(uuid)s".Length - 1;
            }
            else
            {
                throw new FormatException(
                    $"object_naming_template '{template}' has an unsupported placeholder at position {index}; use %(name)s, %(uuid)s or %% for a literal percent sign.");
            }
        }

        return builder.ToString().ToLowerInvariant();
    }

    /// <summary>
    /// Converts <paramref name="value"/> the way Django's <c>slugify</c> does without
    /// <c>allow_unicode</c>: NFKD-normalize and drop non-ASCII, lower-case, drop everything but
    /// letters, digits, underscores, hyphens and white space, collapse runs of hyphens and white
    /// space into one hyphen, and trim hyphens and underscores from both ends.
    /// </summary>
    public static string Slugify(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormKD);
        var filtered = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (!char.IsAscii(character))
            {
                continue;
            }

            var lower = char.ToLowerInvariant(character);
            if (char.IsAsciiLetterOrDigit(lower) || lower is '_' or '-' || IsPythonAsciiWhiteSpace(lower))
            {
                filtered.Append(lower);
            }
        }

        var collapsed = new StringBuilder(filtered.Length);
        var inSeparator = false;
        foreach (var character in filtered.ToString())
        {
            if (character == '-' || IsPythonAsciiWhiteSpace(character))
            {
                if (!inSeparator)
                {
                    collapsed.Append('-');
                }

                inSeparator = true;
                continue;
            }

            inSeparator = false;
            collapsed.Append(character);
        }

        return collapsed.ToString().Trim('-', '_');
    }

    // Python's \s on an ASCII string: space, \t, \n, \v, \f, \r and the separators \x1c-\x1f.
    private static bool IsPythonAsciiWhiteSpace(char character) =>
        character is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' || (character >= '\x1c' && character <= '\x1f');
}
