using System.Globalization;

namespace BuildGraph;

/// <summary>Converts raw parameter text into the member's type, with one-line errors naming the expected form.</summary>
internal static class ValueConverter
{
    public static object? Convert(ParameterMember member, RawValue raw)
    {
        if (member.IsArray)
            return raw.Tokens.ToArray();
        if (raw.Tokens.Count != 1 || raw.WasArray)
            throw Error(member, raw, "a single value", string.Join(" ", raw.Tokens));

        var text = raw.Tokens[0];
        var type = member.ValueType;
        if (type == typeof(string))
            return text;
        if (type == typeof(bool))
        {
            return text.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" => false,
                _ => throw Error(member, raw, "true or false", text),
            };
        }
        if (type == typeof(int))
        {
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw Error(member, raw, "an integer", text);
        }
        if (type == typeof(AbsolutePath))
        {
            try
            {
                return AbsolutePath.Create(Path.IsPathFullyQualified(text) ? text : Path.Combine(raw.BaseDirectory, text));
            }
            catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw Error(member, raw, "a path", text);
            }
        }
        if (type.IsEnum)
        {
            var name = Enum.GetNames(type).FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)
                || NameStyle.Letters(n) == NameStyle.Letters(text));
            return name is not null
                ? Enum.Parse(type, name)
                : throw Error(member, raw, $"one of {string.Join(", ", Enum.GetNames(type))}", text);
        }
        throw new InvalidOperationException($"Parameter type {type.Name} is not supported.");
    }

    static BuildInputException Error(ParameterMember member, RawValue raw, string expected, string got) =>
        new($"Parameter '{member.CommandLineName}' expects {expected}, got '{got}'" + (raw.Source is null ? "." : $" (from {raw.Source})."));
}
