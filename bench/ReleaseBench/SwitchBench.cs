using System.Diagnostics;
using Amazon.Runtime;
using AwsAccess;
using Deploy.Environments;
using Deploy.Releases;
using Deploy.Site;
using SyncBench;

namespace ReleaseBench;

/// <summary>
/// Against a running local cloud: deploys two releases of the generated site to the local environment (under its
/// deploy role, with the key value store switch), then times, several times over, (a) from the end of the promote
/// write until the local edge serves the other release (app-data's compilation hash), (b) a whole rollback
/// (find the release, one switch write), and counts what a rollback wrote.
/// </summary>
static class SwitchBench
{
    public static async Task<int> RunAsync(string api, string site, string environments, string folder, int pages, int rounds, string counts)
    {
        var local = EnvironmentsLoader.Load(environments).Environments["local"];
        var variables = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = api });
        var build = AwsSession.FromCredentials(new BasicAWSCredentials("AKIALOCALBUILD00000", "local-build-secret"), "eu-central-1", new SessionOptions { Environment = variables });
        var role = await build.AssumeRoleAsync(new RoleAssumption(local.DeployRole, "release-bench"), _ => { }, default);
        using var s3 = role.CreateS3(local.Site.Region);
        using var kvs = role.CreateKeyValueStore();
        var releases = new ReleaseDeploy(s3, local.Site.Bucket, new KeyValueStoreSwitch(kvs, local.Site.KeyValueStoreArn!), new SilentProgress(), new SyncSettings { Force = true });

        var ids = new List<int>();
        foreach (var version in new[] { "a", "b" })
        {
            BenchSite.Write(folder, pages);
            File.WriteAllText(Path.Combine(folder, "page-data/app-data.json"), $"{{\"webpackCompilationHash\":\"bench-{version}\"}}");
            var plan = await releases.PlanAsync(folder, new ReleaseSource(version, "bench"));
            await releases.ApplyAsync(plan, promote: true, keep: 10);
            ids.Add(plan.Id);
        }
        using var http = new HttpClient();
        var appData = new Uri(new Uri(site), "/page-data/app-data.json");
        var before = File.ReadAllText(counts);
        var served = new List<double>();
        var rollbacks = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var (target, hash) = round % 2 == 0 ? (ids[0], "bench-a") : (ids[1], "bench-b");
            var clock = Stopwatch.StartNew();
            await releases.PromoteAsync(await releases.FindAsync($"r{target}"));
            var written = clock.Elapsed;
            while (!(await http.GetStringAsync(appData)).Contains(hash))
                if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"r{target} not served 30 s after the switch");
            rollbacks.Add(written.TotalMilliseconds);
            served.Add((clock.Elapsed - written).TotalMilliseconds);
        }
        Console.WriteLine($"switch write → served by the local edge: median {Median(served):0.0} ms, max {served.Max():0.0} ms ({rounds} switches)");
        Console.WriteLine($"rollback (find the release, one switch write): median {Median(rollbacks):0.0} ms, max {rollbacks.Max():0.0} ms");
        Console.WriteLine($"writes during the {rounds} promotes/rollbacks, by service: {Writes(File.ReadAllText(counts), before)}");
        return 0;
    }

    /// <summary>Successful writes per service between two snapshots of the local cloud's requests.json.</summary>
    static string Writes(string after, string before)
    {
        static Dictionary<string, int> Read(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject()
            .ToDictionary(s => s.Name, s => s.Value.TryGetProperty("write", out var w) ? w.GetInt32() : 0);
        var (a, b) = (Read(after), Read(before));
        return string.Join(", ", a.Keys.Union(b.Keys).Order().Select(k => $"{k} {a.GetValueOrDefault(k) - b.GetValueOrDefault(k)}"));
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
