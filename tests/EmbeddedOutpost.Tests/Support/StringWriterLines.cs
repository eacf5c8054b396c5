namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>Lines of a child process's output, collected from its event handlers.</summary>
internal sealed class StringWriterLines
{
    private readonly List<string> _lines = [];

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    public override string ToString()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines);
        }
    }
}
