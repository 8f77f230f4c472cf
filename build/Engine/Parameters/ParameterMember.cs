using System.Reflection;

namespace BuildGraph;

/// <summary>A field or property carrying [Parameter], on the build class or among the built-in options.</summary>
internal sealed class ParameterMember
{
    public static readonly Type[] SupportedTypes = [typeof(string), typeof(bool), typeof(int), typeof(string[]), typeof(AbsolutePath)];

    readonly FieldInfo? field;
    readonly PropertyInfo? property;

    public ParameterMember(MemberInfo member, ParameterAttribute attribute, bool isBuiltIn)
    {
        Member = member;
        MemberName = member.Name.TrimStart('_');
        Name = attribute.Name ?? NameStyle.Kebab(member.Name);
        Description = attribute.Description;
        IsSecret = member.IsDefined(typeof(SecretAttribute));
        IsBuiltIn = isBuiltIn;
        switch (member)
        {
            case FieldInfo f:
                field = f;
                Type = f.FieldType;
                break;
            case PropertyInfo p:
                property = p;
                Type = p.PropertyType;
                // A get-only auto-property is set through its backing field.
                field = p.CanWrite ? null : p.DeclaringType?.GetField($"<{p.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);
                if (!p.CanWrite && field is null)
                    throw new InvalidOperationException($"Parameter '{p.Name}' has no setter: make it a field or an auto-property.");
                break;
            default:
                throw new ArgumentException("Parameters are fields or properties.", nameof(member));
        }
        if (!SupportedTypes.Contains(ValueType) && !ValueType.IsEnum)
            throw new InvalidOperationException(
                $"Parameter '{member.Name}' has type {Type.Name}; supported are string, bool, int, enums, string[] and AbsolutePath (and their nullable forms).");
    }

    public MemberInfo Member { get; }

    /// <summary>The C# member name, also the key in parameters.json and build.schema.json.</summary>
    public string MemberName { get; }

    /// <summary>The command-line name without dashes (kebab-case unless [Parameter(Name = ...)]).</summary>
    public string Name { get; }

    public string? Description { get; }
    public bool IsSecret { get; }
    public bool IsBuiltIn { get; }
    public Type Type { get; }

    public Type ValueType => Nullable.GetUnderlyingType(Type) ?? Type;
    public bool IsFlag => ValueType == typeof(bool);
    public bool IsArray => Type == typeof(string[]);
    public string CommandLineName => "--" + Name;

    /// <summary>The variable name shown in --help; built-ins only read NUKE_-prefixed variables.</summary>
    public string EnvironmentName => (IsBuiltIn ? "NUKE_" : "") + NameStyle.UpperSnake(NameStyle.Kebab(MemberName));

    /// <summary>Type as shown in --help: string, bool, int, path, string[] or the enum's values.</summary>
    public string TypeLabel =>
        ValueType == typeof(string) ? "string"
        : ValueType == typeof(bool) ? "bool"
        : ValueType == typeof(int) ? "int"
        : ValueType == typeof(AbsolutePath) ? "path"
        : IsArray ? "string[]"
        : string.Join("|", Enum.GetNames(ValueType));

    public object? GetValue(object owner) => field is not null ? field.GetValue(owner) : property!.GetValue(owner);

    public void SetValue(object owner, object? value)
    {
        if (field is not null)
            field.SetValue(owner, value);
        else
            property!.SetValue(owner, value);
    }

    /// <summary>Whether a name from the command line, environment or JSON means this parameter.</summary>
    public bool Matches(string name) =>
        NameStyle.Letters(name) is var letters && (letters == NameStyle.Letters(Name) || letters == NameStyle.Letters(MemberName));

    public override string ToString() => CommandLineName;
}
