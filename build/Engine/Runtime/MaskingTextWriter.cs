namespace BuildGraph;

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
