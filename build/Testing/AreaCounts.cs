using System.Text.Json;
using System.Text.Json.Nodes;

/// <summary>
/// What the fault, crash, concurrency, bad-input and secret tests counted, for one closing line per area at the end of
/// ./build.sh Test (e.g. "crashes: 25 kills, 0 broken sites, 0 non-converging"). Tests append records to
/// .nuke/temp/test-areas.jsonl (one JSON object a line, safe to append from parallel tests); the Test target sums them
/// per area and key, in the order first written. Linked into the test projects that count (Deploy.Tests).
/// </summary>
static class AreaCounts
{
    static readonly Lock Gate = new();

    public static string FileIn(string repositoryRoot) => Path.Combine(repositoryRoot, ".nuke", "temp", "test-areas.jsonl");

    /// <summary>Adds one test's counts to an area.</summary>
    public static void Record(string repositoryRoot, string area, params (string Name, int Count)[] counts)
    {
        var counted = new JsonObject();
        foreach (var (name, count) in counts) counted[name] = count;
        var line = new JsonObject { ["area"] = area, ["counts"] = counted }.ToJsonString() + "\n";
        var file = FileIn(repositoryRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        lock (Gate) File.AppendAllText(file, line);
    }

    /// <summary>One line per area: "area: N key, N key" with each key summed over the area's records.</summary>
    public static IReadOnlyList<string> Lines(string file)
    {
        if (!File.Exists(file)) return [];
        var areas = new List<(string Area, List<(string Key, long Sum)> Counts)>();
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            JsonNode? record;
            try { record = JsonNode.Parse(line); }
            catch (JsonException) { continue; } // a line cut short by a killed test run
            if (record?["area"]?.GetValue<string>() is not { } area || record["counts"] is not JsonObject counts) continue;
            var entry = areas.FirstOrDefault(a => a.Area == area);
            if (entry.Counts is null) areas.Add(entry = (area, []));
            foreach (var (key, value) in counts)
            {
                var index = entry.Counts.FindIndex(c => c.Key == key);
                var add = value?.GetValue<long>() ?? 0;
                if (index < 0) entry.Counts.Add((key, add));
                else entry.Counts[index] = (key, entry.Counts[index].Sum + add);
            }
        }
        return areas.Select(a => $"{a.Area}: {string.Join(", ", a.Counts.Select(c => $"{c.Sum} {c.Key}"))}").ToList();
    }
}
