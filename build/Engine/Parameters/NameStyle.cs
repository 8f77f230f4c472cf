using System.Text;

namespace BuildGraph;

/// <summary>How parameter names are spelled on the command line and matched in the environment and JSON.</summary>
internal static class NameStyle
{
    /// <summary>AwsProfile → aws-profile, AWSRegion → aws-region, _buildVersion → build-version.</summary>
    public static string Kebab(string memberName)
    {
        var name = memberName.TrimStart('_');
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                    builder.Append('-');
            }
            builder.Append(c == '_' ? '-' : char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary>aws-profile → AWS_PROFILE, the spelling shown in --help.</summary>
    public static string UpperSnake(string kebab) => kebab.Replace('-', '_').ToUpperInvariant();

    /// <summary>Letters and digits only, lower case: AWS_PROFILE, awsprofile and AwsProfile all become awsprofile.</summary>
    public static string Letters(string name) =>
        new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    /// <summary>The candidate closest to <paramref name="unknown"/>, when it is close enough to be a likely typo.</summary>
    public static string? Suggest(string unknown, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(candidate => (candidate, distance: Distance(Letters(unknown), Letters(candidate))))
            .OrderBy(pair => pair.distance).ThenBy(pair => pair.candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.candidate is not null && best.distance <= Math.Max(2, Letters(unknown).Length / 3) ? best.candidate : null;
    }

    static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
