using System.Text.Json;
using System.Text.RegularExpressions;
using Deploy.Tests.Deployment;
using Deploy.Tests.Environments;
using Xunit.Abstractions;

namespace Deploy.Tests.BadInput;

/// <summary>
/// The bad-input catalogue (BadInputCases): each input is refused with one line naming the problem and the fix, a
/// non-zero exit (the build program) or a failed deploy (an exception, which fails the target and the build), and
/// writes nothing: the local cloud's contents (objects and their SSE records, functions with versions and aliases,
/// invalidations: `cli.mjs snapshot`) are the same before and after. One local cloud and one small site for all.
/// </summary>
[Collection(SharedLocalCloud.Name)]
public sealed class BadInputCatalogueTests(QuickLocalCloudFixture cloud, ITestOutputHelper output) : IDisposable
{
    static readonly SemaphoreSlim Baseline = new(1, 1);
    static bool deployed;

    readonly string work = Directory.CreateTempSubdirectory("bad-input-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    public static TheoryData<string> Cases => new(BadInputCases.All.Select(c => c.ToString()));

    [Fact]
    public void The_catalogue_has_at_least_40_cases_across_every_area()
    {
        Assert.True(BadInputCases.All.Count >= 40, $"{BadInputCases.All.Count} cases");
        Assert.Equal(["command line", "parameter files", "environments.json", "artifacts", "site folder", "AWS"], BadInputCases.All.Select(c => c.Area).Distinct());
        Assert.Equal(BadInputCases.All.Count, BadInputCases.All.Select(c => c.ToString()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_refused_in_one_line_naming_the_fix_and_writes_nothing(string name)
    {
        var @case = BadInputCases.All.Single(c => c.ToString() == name);
        var context = new BadInputContext(cloud, work);
        await DeployOnceAsync(context);

        var before = await SnapshotAsync();
        var refusal = await @case.Run(context);
        var after = await SnapshotAsync();

        var line = refusal.Line.Split('\n').FirstOrDefault(l => Regex.IsMatch(l, @case.Expected)) ?? "";
        var changed = before.Keys.Union(after.Keys).Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k)).Order().ToList();
        var clean = refusal.Refused && line.Length > 0 && Regex.IsMatch(line, "fix:|run |rename|name targets|create |drop |check |must allow|expects an? |Did you mean|start what should answer|pass --", RegexOptions.IgnoreCase);
        output.WriteLine(refusal.Refused ? $"refused: {line.Trim()}" : refusal.Detail);
        AreaCounts.Record(RepositoryFiles.Root, "bad input", ("cases", 1), ("refused cleanly", clean ? 1 : 0), ("wrote", changed.Count > 0 ? 1 : 0));

        Assert.True(refusal.Refused, $"not refused: {refusal.Detail}");
        Assert.True(line.Length > 0, $"no line matches /{@case.Expected}/: {refusal.Detail}");
        Assert.True(clean, $"the line names no fix: {line}");
        Assert.True(changed.Count == 0, $"the local cloud changed: {string.Join(", ", changed.Take(10))}");
    }

    /// <summary>The cloud holds a deployed site and functions (so "writes nothing" protects something), deployed once.</summary>
    static async Task DeployOnceAsync(BadInputContext context)
    {
        await Baseline.WaitAsync();
        try
        {
            if (deployed) return;
            await context.DeployAsync(await context.PackageAsync() with { Force = true });
            deployed = true;
        }
        finally
        {
            Baseline.Release();
        }
    }

    async Task<Dictionary<string, string>> SnapshotAsync()
    {
        var (exitCode, json) = await cloud.RunScriptAsync("cli.mjs", "snapshot", "--state-dir", cloud.StateDirectory);
        Assert.True(exitCode == 0, json);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}
