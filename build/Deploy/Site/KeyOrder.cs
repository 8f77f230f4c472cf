using System.Text;

namespace Deploy.Site;

/// <summary>
/// The order S3 lists keys in: UTF-8 byte order, which is Unicode code point order. .NET's ordinal order compares
/// UTF-16 units and differs from it only where a surrogate pair (U+10000 and up) meets U+E000–U+FFFF.
/// </summary>
public sealed class KeyOrder : IComparer<string>
{
    public static KeyOrder Instance { get; } = new();

    public int Compare(string? a, string? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j] && !char.IsSurrogate(a[i])) { i++; j++; continue; }
            Rune.DecodeFromUtf16(a.AsSpan(i), out var ra, out var na);
            Rune.DecodeFromUtf16(b.AsSpan(j), out var rb, out var nb);
            if (ra.Value != rb.Value) return ra.Value.CompareTo(rb.Value);
            i += na;
            j += nb;
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
