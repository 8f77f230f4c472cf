namespace BuildGraph;

/// <summary>
/// Marks a field or property as a build parameter, set from the command line (<c>--kebab-name</c>),
/// the environment, <c>.nuke/parameters.&lt;profile&gt;.json</c> or <c>.nuke/parameters.json</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    public string? Description { get; } = description;

    /// <summary>Overrides the command-line name (without the leading dashes).</summary>
    public string? Name { get; init; }
}

/// <summary>The parameter's value is masked as **** in everything the build writes.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
