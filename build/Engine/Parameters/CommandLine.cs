namespace BuildGraph;

/// <summary>The command line split into target names and the raw values of each parameter given.</summary>
internal sealed record ParsedCommandLine(IReadOnlyList<string> Targets, IReadOnlyDictionary<ParameterMember, IReadOnlyList<string>> Values)
{
    public IReadOnlyList<string>? ValuesOf(ParameterMember member) => Values.GetValueOrDefault(member);
}

/// <summary>
/// Nuke's command line: positional targets, <c>--name value</c>, <c>--name=value</c>; a flag alone means
/// true (<c>--flag false</c> also works); a string[] takes the following values up to the next option.
/// </summary>
internal static class CommandLine
{
    public static ParsedCommandLine Parse(IReadOnlyList<string> arguments, IReadOnlyList<ParameterMember> parameters)
    {
        var targets = new List<string>();
        var values = new Dictionary<ParameterMember, IReadOnlyList<string>>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!IsOption(argument))
            {
                targets.Add(argument);
                continue;
            }

            var (name, inline) = Split(argument);
            var member = Find(name, parameters)
                ?? throw new BuildInputException(UnknownMessage(argument.Split('=')[0], parameters));
            var given = new List<string>();
            if (inline is not null)
                given.Add(inline);
            else if (member.IsFlag)
            {
                if (i + 1 < arguments.Count && bool.TryParse(arguments[i + 1], out _))
                    given.Add(arguments[++i]);
            }
            else if (member.IsArray)
            {
                while (i + 1 < arguments.Count && !IsOption(arguments[i + 1]))
                    given.Add(arguments[++i]);
            }
            else if (i + 1 < arguments.Count && !IsOption(arguments[i + 1]))
                given.Add(arguments[++i]);
            else
                throw new BuildInputException($"Parameter '{member.CommandLineName}' expects a value ({member.TypeLabel}).");

            values[member] = member.IsArray && values.TryGetValue(member, out var earlier) ? [.. earlier, .. given] : given;
        }
        return new ParsedCommandLine(targets, values);
    }

    /// <summary>The --root value, read before the build exists because it decides where .nuke/ is.</summary>
    public static string? PeekRoot(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var (name, inline) = IsOption(arguments[i]) ? Split(arguments[i]) : ("", null);
            if (NameStyle.Letters(name) == "root")
                return inline ?? (i + 1 < arguments.Count && !IsOption(arguments[i + 1]) ? arguments[i + 1] : null);
        }
        return null;
    }

    public static string UnknownMessage(string given, IReadOnlyList<ParameterMember> parameters)
    {
        var suggestion = NameStyle.Suggest(given, parameters.Select(p => p.CommandLineName));
        return suggestion is null
            ? $"Unknown parameter '{given}'. Run --help to list parameters."
            : $"Unknown parameter '{given}'. Did you mean '{suggestion}'? Run --help to list parameters.";
    }

    static bool IsOption(string argument) => argument.StartsWith('-') && argument.Length > 1 && !char.IsDigit(argument[1]);

    static (string Name, string? Inline) Split(string argument)
    {
        if (argument is "-h" or "-?")
            return ("help", null);
        var body = argument.TrimStart('-');
        var equals = body.IndexOf('=');
        return equals < 0 ? (body, null) : (body[..equals], body[(equals + 1)..]);
    }

    static ParameterMember? Find(string name, IReadOnlyList<ParameterMember> parameters) =>
        parameters.FirstOrDefault(p => NameStyle.Letters(p.Name) == NameStyle.Letters(name))
        ?? parameters.FirstOrDefault(p => NameStyle.Letters(p.MemberName) == NameStyle.Letters(name));
}
