using System.Text.RegularExpressions;

/// <summary>Reads the closing counts of node's test runner in TAP form ("# pass 12", "# fail 0", ...).</summary>
static partial class TapSummary
{
    public static SuiteResult? Parse(string suite, IEnumerable<string> lines)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
            if (CountLine().Match(line) is { Success: true } match)
                counts[match.Groups[1].Value] = int.Parse(match.Groups[2].Value);
        if (!counts.ContainsKey("pass") || !counts.ContainsKey("fail"))
            return null;
        int Count(string key) => counts.GetValueOrDefault(key);
        // A cancelled test (timeout, or a parent that failed) did not pass.
        return new(suite, Count("pass"), Count("fail") + Count("cancelled"), Count("skipped") + Count("todo"));
    }

    [GeneratedRegex(@"^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) (\d+)")]
    private static partial Regex CountLine();
}
