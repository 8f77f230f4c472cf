namespace BuildGraph;

/// <summary>Sets every parameter that has a value in some source; the initializer's value stays otherwise.</summary>
internal static class ParameterInjector
{
    public static void Inject(IEnumerable<ParameterMember> members, Func<ParameterMember, object> ownerOf, ParameterSources sources, SecretMasker masker)
    {
        foreach (var member in members)
        {
            var owner = ownerOf(member);
            if (sources.Find(member) is { } raw)
                member.SetValue(owner, ValueConverter.Convert(member, raw));
            if (member.IsSecret)
                RegisterSecret(member.GetValue(owner), masker);
        }
    }

    static void RegisterSecret(object? value, SecretMasker masker)
    {
        switch (value)
        {
            case string[] values:
                foreach (var item in values)
                    masker.Add(item);
                break;
            case not null:
                masker.Add(value.ToString());
                break;
        }
    }
}
