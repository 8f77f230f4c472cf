namespace BuildGraph;

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
