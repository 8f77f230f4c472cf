namespace BuildGraph;

/// <summary>
/// Every line the engine writes goes through here: masked, serialized between concurrent targets,
/// and coloured only when the output is an interactive terminal without NO_COLOR.
/// </summary>
internal sealed class BuildConsole(TextWriter output, TextWriter error, SecretMasker masker, bool color)
{
    readonly Lock gate = new();

    public bool Color { get; } = color;

    public void WriteLine(string text = "", AnsiStyle style = AnsiStyle.None)
    {
        var masked = masker.Apply(text);
        lock (gate)
            output.WriteLine(Paint(masked, style));
    }

    /// <summary>A log line: the level tag is coloured, the message is not.</summary>
    public void WriteLog(string timestamp, string level, AnsiStyle levelStyle, string message)
    {
        var masked = masker.Apply(message);
        lock (gate)
            output.WriteLine($"{Paint(timestamp, AnsiStyle.Dim)} {Paint($"[{level}]", levelStyle)} {masked}");
    }

    /// <summary>One line naming a problem with the invocation (unknown target, bad parameter, ...).</summary>
    public void WriteError(string text)
    {
        var masked = masker.Apply(text);
        lock (gate)
        {
            output.Flush();
            error.WriteLine(Paint(masked, AnsiStyle.Red));
            error.Flush();
        }
    }

    public void Flush()
    {
        lock (gate)
        {
            output.Flush();
            error.Flush();
        }
    }

    public string Paint(string text, AnsiStyle style) =>
        !Color || style == AnsiStyle.None ? text : $"\u001b[{(int)style}m{text}\u001b[0m";

    /// <summary>Colour only for a terminal: not when redirected, NO_COLOR is set or TERM=dumb.</summary>
    public static bool ShouldColor(IReadOnlyDictionary<string, string?> environment, bool outputRedirected) =>
        !outputRedirected
        && !(environment.TryGetValue("NO_COLOR", out var noColor) && !string.IsNullOrEmpty(noColor))
        && !(environment.TryGetValue("TERM", out var term) && term == "dumb");
}

/// <summary>SGR codes used by the console.</summary>
internal enum AnsiStyle
{
    None = 0,
    Bold = 1,
    Dim = 2,
    Red = 31,
    Green = 32,
    Yellow = 33,
    Cyan = 36,
    Gray = 90,
}
