using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.KubernetesService;

/// <summary>
/// Names of an outpost's Kubernetes objects, computed the way authentik does: Django's
/// <c>slugify</c> and a Python <c>%</c>-format template with the keys <c>name</c> and <c>uuid</c>.
/// </summary>
internal static partial class ObjectNaming
{
    /// <summary>Kubernetes object names of this kind are DNS-1035 labels of at most 63 characters.</summary>
    public const int MaxNameLength = 63;

    /// <summary>
    /// Returns Django's <c>slugify</c> of <paramref name="value"/>: ASCII only, lower case, runs of
    /// spaces and hyphens turned into one hyphen, other punctuation dropped, and leading or
    /// trailing hyphens and underscores removed.
    /// </summary>
    public static string Slugify(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        var ascii = new StringBuilder(value.Length);
        foreach (var character in value.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAscii(character))
            {
                ascii.Append(character);
            }
        }

        var kept = NotWordSpaceOrHyphen().Replace(ascii.ToString().ToLowerInvariant(), "");

        return HyphensOrSpaces().Replace(kept, "-").Trim('-', '_');
    }

    /// <summary>
    /// Returns the name of the outpost's objects: the rendered <c>object_naming_template</c>,
    /// lower-cased, slugified, with every character outside <c>a-z0-9-</c> turned into a hyphen,
    /// cut to 63 characters, or <c>outpost-&lt;uuid hex&gt;</c> when nothing is left.
    /// </summary>
    /// <exception cref="FormatException">The template uses a placeholder other than <c>%(name)s</c>, <c>%(uuid)s</c> or <c>%%</c>.</exception>
    public static string GetObjectName(OutpostConfig outpost)
    {
        ArgumentNullException.ThrowIfNull(outpost);

        var rendered = RenderTemplate(outpost.Settings.ObjectNamingTemplate, Slugify(outpost.Name), FormatUuid(outpost.Uuid));
        var name = Slugify(rendered.ToLowerInvariant());
        name = NotNameCharacter().Replace(name, "-");
        name = RepeatedHyphens().Replace(name, "-");
        if (name.Length > MaxNameLength)
        {
            name = name[..MaxNameLength];
        }

        // A name cut inside a run of words can end in a hyphen, which Kubernetes rejects.
        name = name.TrimEnd('-');

        return name.Length == 0 ? $"outpost-{FormatUuid(outpost.Uuid)}" : name;
    }

    /// <summary>Returns the outpost id the way authentik writes it in names and labels: 32 hex digits.</summary>
    public static string FormatUuid(Guid uuid) => uuid.ToString("N", CultureInfo.InvariantCulture);

    private static string RenderTemplate(string template, string name, string uuid)
    {
        var result = new StringBuilder(template.Length + uuid.Length);
        var index = 0;
        while (index < template.Length)
        {
            var percent = template.IndexOf('%', index);
            if (percent < 0)
            {
                result.Append(template, index, template.Length - index);
                break;
            }

            result.Append(template, index, percent - index);
            var rest = template.AsSpan(percent);
            if (rest.StartsWith("%%"))
            {
                result.Append('%');
                index = percent + 2;
            }
            else if (rest.StartsWith("%(name)s"))
            {
                result.Append(name);
                index = percent + "%(name)s".Length;
            }
            else if (rest.StartsWith("%(uuid)s"))
            {
                result.Append(uuid);
                index = percent + "%(uuid)s".Length;
            }
            else
            {
                throw new FormatException(
                    $"object_naming_template '{template}' has an unsupported placeholder at position {percent}; use %(name)s, %(uuid)s or %% for a literal percent sign.");
            }
        }

        return result.ToString();
    }

    [GeneratedRegex(@"[^\w\s-]")]
    private static partial Regex NotWordSpaceOrHyphen();

    [GeneratedRegex(@"[-\s]+")]
    private static partial Regex HyphensOrSpaces();

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotNameCharacter();

    [GeneratedRegex("-+")]
    private static partial Regex RepeatedHyphens();
}
