using System.Text;

namespace BuildGraph;

/// <summary>--help: usage, the listed targets with description and direct dependencies, and every parameter.</summary>
internal static class HelpText
{
    // Dependencies before the targets that need them, so the list reads like the build's flow.
    static IReadOnlyList<ExecutableTarget> InDependencyOrder(IReadOnlyList<ExecutableTarget> targets)
    {
        try { return ExecutionPlanner.Plan(targets, targets); }
        catch (BuildInputException) { return targets; } // a cycle is reported when the build runs
    }

    public static string Render(
        IReadOnlyList<ExecutableTarget> targets,
        IReadOnlyList<(ParameterMember Member, object? Default)> parameters,
        IReadOnlyList<(ParameterMember Member, object? Default)> builtIns)
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: ./build.sh [<target> ...] [--<parameter> <value> ...]");
        text.AppendLine();
        text.AppendLine("Targets (* = default):");
        var listed = InDependencyOrder(targets).Where(t => !t.Definition.IsUnlisted).ToList();
        var nameWidth = listed.Select(t => t.Name.Length + 2).DefaultIfEmpty(0).Max();
        foreach (var target in listed)
        {
            var name = target.Name + (target.IsDefault ? " *" : "");
            var dependencies = target.ExecutionDependencies.Count == 0 ? ""
                : $"  (depends on {string.Join(", ", target.ExecutionDependencies.Select(d => d.Name))})";
            text.AppendLine($"  {name.PadRight(nameWidth)}  {target.Definition.DescriptionText}{dependencies}".TrimEnd());
        }
        if (parameters.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Parameters:");
            AppendParameters(text, parameters);
        }
        text.AppendLine();
        text.AppendLine("Built-in parameters:");
        AppendParameters(text, builtIns);
        text.AppendLine();
        text.AppendLine("Values come from, highest first: the command line, environment variables (e.g. AWS_PROFILE or");
        text.AppendLine("NUKE_AWS_PROFILE for --aws-profile), .nuke/parameters.<profile>.json, .nuke/parameters.json.");
        return text.ToString();
    }

    static void AppendParameters(StringBuilder text, IReadOnlyList<(ParameterMember Member, object? Default)> parameters)
    {
        var rows = parameters.Select(p => (
            Signature: p.Member.CommandLineName + (p.Member.MemberName == nameof(BuiltInParameters.Help) ? ", -h" : "")
                + (p.Member.IsFlag ? "" : $" <{p.Member.TypeLabel}>"),
            Detail: Detail(p.Member, p.Default))).ToList();
        var width = rows.Max(r => r.Signature.Length);
        foreach (var (signature, detail) in rows)
            text.AppendLine($"  {signature.PadRight(width)}  {detail}".TrimEnd());
    }

    static string Detail(ParameterMember member, object? value)
    {
        var facts = new List<string>();
        if (ShowDefault(member, value) is { } shown)
            facts.Add($"default: {shown}");
        if (!BuiltInParameters.IsInvocationOnly(member))
            facts.Add($"env: {member.EnvironmentName}");
        if (member.IsSecret)
            facts.Add("secret");
        var description = member.Description ?? "";
        return facts.Count == 0 ? description : $"{description} [{string.Join("; ", facts)}]".TrimStart();
    }

    static string? ShowDefault(ParameterMember member, object? value) => value switch
    {
        null => null,
        _ when member.IsSecret => SecretMasker.Mask,
        false when member.IsFlag => null,
        string[] { Length: 0 } => null,
        string[] array => string.Join(" ", array),
        string { Length: 0 } => null,
        _ => value.ToString(),
    };
}
