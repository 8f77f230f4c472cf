namespace AwsAccess;

/// <summary>
/// The environment variables AwsAccess reads (endpoints, keys, profile, region), as a snapshot.
/// Injected so tests decide exactly what the code sees instead of inheriting the machine's setup.
/// </summary>
public sealed class AwsEnvironment
{
    private readonly IReadOnlyDictionary<string, string> _variables;

    public AwsEnvironment(IReadOnlyDictionary<string, string> variables) => _variables = variables;

    public static AwsEnvironment FromProcess()
    {
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value) snapshot[key] = value;
        }
        return new AwsEnvironment(snapshot);
    }

    public static AwsEnvironment Empty { get; } = new(new Dictionary<string, string>());

    /// <summary>The value of <paramref name="name"/>, or null when unset or blank (the SDKs treat blank as unset).</summary>
    public string? Get(string name) =>
        _variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
