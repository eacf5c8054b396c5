using System.Globalization;
using System.Text;

namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// Text from a request, for log messages: it formats with control characters written as
/// <c>\uXXXX</c>, so a decoded <c>%0a</c> in a path cannot start a forged log line. The escaping
/// runs only when a message is written.
/// </summary>
internal readonly struct RequestText(string value)
{
    public override string ToString()
    {
        if (!value.AsSpan().ContainsAnyInRange('\0', '\u001f') && !value.Contains('\u007f', StringComparison.Ordinal))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 16);
        foreach (var character in value)
        {
            if (char.IsControl(character))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:x4}");
            }
            else
            {
                escaped.Append(character);
            }
        }

        return escaped.ToString();
    }
}
