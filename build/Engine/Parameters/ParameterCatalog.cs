using System.Reflection;

namespace BuildGraph;

/// <summary>Finds the [Parameter] members of a build type (any visibility, inherited) plus the built-ins.</summary>
internal static class ParameterCatalog
{
    const BindingFlags InstanceMembers = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<ParameterMember> BuiltIns { get; } = Discover(typeof(BuiltInParameters), isBuiltIn: true);

    /// <summary>The build's own parameters, base classes first, in declaration order.</summary>
    public static IReadOnlyList<ParameterMember> ForBuild(Type buildType)
    {
        var members = Discover(buildType, isBuiltIn: false);
        foreach (var member in members)
        {
            if (BuiltIns.FirstOrDefault(b => b.Matches(member.Name) || b.Matches(member.MemberName)) is { } clash)
                throw new InvalidOperationException($"Parameter '{member.MemberName}' clashes with the built-in {clash.CommandLineName}: rename it or set [Parameter(Name = ...)].");
            if (members.FirstOrDefault(other => other != member && other.Matches(member.Name)) is { } twin)
                throw new InvalidOperationException($"Parameters '{member.MemberName}' and '{twin.MemberName}' both answer to {member.CommandLineName}.");
        }
        return members;
    }

    static IReadOnlyList<ParameterMember> Discover(Type type, bool isBuiltIn)
    {
        var hierarchy = new List<Type>();
        for (var t = type; t is not null && t != typeof(object) && t != typeof(NukeBuild); t = t.BaseType)
            hierarchy.Insert(0, t);
        return hierarchy
            .SelectMany(t => t.GetMembers(InstanceMembers))
            .Where(member => member is FieldInfo { IsSpecialName: false } or PropertyInfo)
            .Where(member => !member.Name.EndsWith("k__BackingField", StringComparison.Ordinal))
            .Select(member => (member, attribute: member.GetCustomAttribute<ParameterAttribute>()))
            .Where(pair => pair.attribute is not null)
            .Select(pair => new ParameterMember(pair.member, pair.attribute!, isBuiltIn))
            .ToList();
    }
}
