namespace BuildGraph;

/// <summary>Nuke's AddPair (Nuke.Common.Utilities.Collections), as ReportSummary(_ => _.AddPair(key, value)) uses it.</summary>
public static class DictionaryExtensions
{
    public static Dictionary<TKey, TValue> AddPair<TKey, TValue>(this Dictionary<TKey, TValue> dictionary, TKey key, TValue value = default!)
        where TKey : notnull
    {
        dictionary.Add(key, value);
        return dictionary;
    }

    public static Dictionary<TKey, string> AddPair<TKey, TValue>(this Dictionary<TKey, string> dictionary, TKey key, TValue value = default!)
        where TKey : notnull
    {
        dictionary.Add(key, value?.ToString() ?? "");
        return dictionary;
    }
}
