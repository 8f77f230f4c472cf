using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3.Model;
using AwsAccess;
using Deploy.Releases;
using Deploy.Site;
using ReleaseBench;
using SyncBench;

// bench/releases.sh drives this. Each deploy command prints one line: mode, seconds (plan + apply, in process),
// S3 requests by operation, switch writes.
//   generate --folder DIR --pages N              a Gatsby-shaped site (bench/SyncBench's generator)
//   edit --folder DIR --pages N --round K        changes 1% of the pages (their HTML and page data), differently each round
//   in-place|release|prefix-copy --endpoint URL --bucket B --folder DIR [--switch FILE]
var options = args.Skip(1).Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
string Require(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
var command = args.FirstOrDefault() ?? "";

if (command == "generate")
{
    BenchSite.Write(Require("folder"), int.Parse(Require("pages")));
    return 0;
}
if (command == "switch")
    return await SwitchBench.RunAsync(Require("api"), Require("site"), Require("environments"), Require("folder"), int.Parse(Require("pages")), int.Parse(options.GetValueOrDefault("rounds", "10")), Require("counts"));
if (command == "edit")
{
    var (folder, pages, round) = (Require("folder"), int.Parse(Require("pages")), Require("round"));
    for (var i = 0; i < Math.Max(1, pages / 100); i++)
    {
        File.AppendAllText(Path.Combine(folder, $"blog/post-{i}/index.html"), $"<!-- round {round} -->");
        File.WriteAllText(Path.Combine(folder, $"page-data/blog/post-{i}/page-data.json"), $"{{\"result\":{{\"title\":\"Post {i}\",\"round\":\"{round}\"}}}}");
    }
    return 0;
}

var session = AwsSession.FromCredentials(new BasicAWSCredentials("S3RVER", "S3RVER"), "eu-central-1",
    new SessionOptions { Environment = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = Require("endpoint") }) });
using var s3 = session.CreateS3(session.DefaultRegion);
var counter = new RequestCounter();
counter.Attach(s3.Client);
var (bucket, site) = (Require("bucket"), Require("folder"));
var settings = new SyncSettings { Force = true };
var clock = Stopwatch.StartNew();
var writes = 0;
switch (command)
{
    case "in-place":
    {
        var deploy = new SiteDeploy(s3, new NoCdn(), new SilentProgress(), settings);
        await deploy.ApplyAsync(await deploy.PlanAsync(bucket, site, $"bench-{DateTimeOffset.UtcNow:yyyyMMddHHmmssfff}"));
        break;
    }
    case "release":
    {
        var releaseSwitch = new FileSwitch(Require("switch"));
        var deploy = new ReleaseDeploy(s3, bucket, releaseSwitch, new SilentProgress(), settings);
        await deploy.ApplyAsync(await deploy.PlanAsync(site, new ReleaseSource("bench", "bench")), promote: true, keep: 10);
        writes = releaseSwitch.Writes;
        releaseSwitch.Save();
        break;
    }
    case "prefix-copy":
    {
        // The other layout: each release a whole prefix, unchanged files copied server-side from the previous release.
        // Planned like a release (same uploads), then every file the release did not upload is copied.
        var releaseSwitch = new FileSwitch(Require("switch"));
        var deploy = new ReleaseDeploy(s3, bucket, releaseSwitch, new SilentProgress(), settings);
        var plan = await deploy.PlanAsync(site, new ReleaseSource("bench", "bench"));
        await deploy.ApplyAsync(plan, promote: true, keep: 10);
        if (plan.Id > 1)
        {
            // Every file this release did not upload, copied from where it is stored into a prefix of its own.
            var copies = plan.Manifest.Files.Where(f => f.Value.StoredIn != plan.Id).ToList();
            await Parallel.ForEachAsync(copies, new ParallelOptions { MaxDegreeOfParallelism = settings.UploadConcurrency }, async (file, ct) =>
                await s3.Client.CopyObjectAsync(new CopyObjectRequest
                {
                    SourceBucket = bucket, SourceKey = ReleaseLayout.ContentKey(file.Value.StoredIn, file.Key),
                    DestinationBucket = bucket, DestinationKey = $"copy/{plan.Id}/{file.Key}",
                }, ct));
        }
        writes = releaseSwitch.Writes;
        releaseSwitch.Save();
        break;
    }
    default:
        Console.Error.WriteLine("usage: ReleaseBench generate|edit|in-place|release|prefix-copy --folder DIR ...");
        return 2;
}
Console.WriteLine($"{command} {clock.Elapsed.TotalSeconds:0.000} s; S3 requests {counter.Total} ({counter}); switch writes {writes}");
return 0;

namespace ReleaseBench
{
    sealed class NoCdn : ISiteInvalidator
    {
        public Task InvalidateAsync(IReadOnlyList<string> paths, string callerReference, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
