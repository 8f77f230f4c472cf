namespace BuildGraph;

/// <summary>Secrets registered here are written as "****" in every line the build writes afterwards.</summary>
public static class SecretMasking
{
    public static void Register(string secret) => (BuildContext.Current?.Masker ?? SecretMasker.Process).Add(secret);
}

/// <summary>Replaces registered secrets in text. A build's masker also applies the process-wide secrets.</summary>
internal sealed class SecretMasker(SecretMasker? parent = null)
{
    public const string Mask = "****";

    /// <summary>Secrets registered outside any running build (e.g. before Execute); every build's masker applies them.</summary>
    public static SecretMasker Process { get; } = new();

    // Copy-on-write: masking happens on every written line, registration rarely.
    volatile string[] secrets = [];
    readonly Lock gate = new();

    public void Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
            return;
        lock (gate)
        {
            if (secrets.Contains(secret, StringComparer.Ordinal))
                return;
            // Longest first, so a secret containing another is masked whole.
            secrets = [.. secrets.Append(secret).OrderByDescending(s => s.Length)];
        }
    }

    public string Apply(string text)
    {
        if (parent is not null)
            text = parent.Apply(text);
        foreach (var secret in secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }
}

/// <summary>
/// A writer that masks secrets line by line before passing text on, so a secret split over several
/// Write calls is still caught. Partial lines are held until a newline or Flush.
/// </summary>
internal sealed class MaskingTextWriter(TextWriter inner, SecretMasker masker) : TextWriter
{
    readonly System.Text.StringBuilder pending = new();
    readonly Lock gate = new();

    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (gate)
        {
            pending.Append(value);
            if (value == '\n')
                Drain();
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
            return;
        lock (gate)
        {
            pending.Append(value);
            if (value.Contains('\n'))
                Drain();
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? "") + NewLine);

    public override void Flush()
    {
        lock (gate)
        {
            if (pending.Length > 0)
            {
                inner.Write(masker.Apply(pending.ToString()));
                pending.Clear();
            }
            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Flush();
        base.Dispose(disposing);
    }

    // Writes every complete line; keeps the unfinished rest.
    void Drain()
    {
        var text = pending.ToString();
        var end = text.LastIndexOf('\n') + 1;
        inner.Write(masker.Apply(text[..end]));
        inner.Flush();
        pending.Clear().Append(text, end, text.Length - end);
    }
}
