using Amazon.Runtime;
using AwsAccess;
using Deploy.Releases;
using Deploy.Site;
using ReleaseBench;
using SyncBench;

// bench/run.sh drives this: `sync` deploys a folder to a bucket the way ./build.sh Deploy does in place (plan, phases,
// deletes, state), minus CloudFront; `release` the way it does in release mode (the default: a release of the changed
// files, its manifest and the catalogue, the switch in a file instead of the key value store); `oracle` uploads only the files it is told changed (the floor `sync` is measured
// against); `generate` writes a Gatsby-shaped site of a given number of files.
try
{
    var options = Arguments.Parse(args);
    switch (options.Command)
    {
        case "sync":
        {
            using var s3 = Connect(options);
            var deploy = new SiteDeploy(s3, new NoCdn(), new SilentProgress(), new SyncSettings { Force = true });
            var plan = await deploy.PlanAsync(options.Require("bucket"), options.Require("folder"), $"bench-{DateTimeOffset.UtcNow:yyyyMMddHHmmssfff}");
            var result = await deploy.ApplyAsync(plan);
            Console.WriteLine($"uploaded {result.Uploaded} objects ({result.UploadedBytes} bytes), {plan.Unchanged} unchanged, deleted {result.Deleted}");
            return 0;
        }
        case "release":
        {
            using var s3 = Connect(options);
            var releaseSwitch = new FileSwitch(options.Require("switch"));
            var deploy = new ReleaseDeploy(s3, options.Require("bucket"), releaseSwitch, new SilentProgress(), new SyncSettings { Force = true });
            var plan = await deploy.PlanAsync(options.Require("folder"), new ReleaseSource("0.0.0-bench", "0000000"));
            var result = await deploy.ApplyAsync(plan, promote: true, keep: 10);
            releaseSwitch.Save();
            Console.WriteLine($"release r{plan.Id}: uploaded {result.Uploaded} objects ({result.UploadedBytes} bytes), {releaseSwitch.Writes} switch writes");
            return 0;
        }
        case "oracle":
        {
            var changed = Oracle.ReadChangedList(options.Require("changed"));
            using var s3 = Connect(options);
            var (objects, bytes) = await new Oracle(s3.Client, s3.UseChunkEncoding, new SyncSettings())
                .UploadAsync(options.Require("bucket"), options.Require("folder"), changed);
            Console.WriteLine($"uploaded {objects} objects ({bytes} bytes)");
            return 0;
        }
        case "generate":
            BenchSite.Write(options.Require("folder"), options.Int("files") ?? 1_020);
            return 0;
        default:
            Console.Error.WriteLine(Arguments.Usage);
            return 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"SyncBench: {e.Message}");
    return 2;
}

static S3Connection Connect(Arguments options)
{
    var environment = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = options.Require("endpoint") });
    var session = AwsSession.FromCredentials(
        new BasicAWSCredentials(options.Get("access-key") ?? "S3RVER", options.Get("secret-key") ?? "S3RVER"),
        options.Get("region") ?? "eu-central-1", new SessionOptions { Environment = environment });
    return session.CreateS3(session.DefaultRegion);
}

namespace SyncBench
{
    sealed class NoCdn : ISiteInvalidator
    {
        public Task InvalidateAsync(IReadOnlyList<string> paths, string callerReference, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    sealed record Arguments(string Command, IReadOnlyDictionary<string, string> Values)
    {
        public const string Usage = "usage: SyncBench sync --endpoint URL --bucket NAME --folder DIR | release --endpoint URL --bucket NAME --folder DIR --switch FILE | oracle --endpoint URL --bucket NAME --folder DIR --changed LIST | generate --folder DIR [--files N]";

        public static Arguments Parse(string[] args)
        {
            var values = new Dictionary<string, string>();
            for (var i = 1; i + 1 < args.Length; i += 2)
                values[args[i].TrimStart('-')] = args[i + 1];
            return new Arguments(args.FirstOrDefault() ?? "", values);
        }

        public string? Get(string name) => Values.GetValueOrDefault(name);

        public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required; fix: pass it ({Usage})");

        public int? Int(string name) => Get(name) is not { } text ? null
            : int.TryParse(text, out var value) ? value
            : throw new ArgumentException($"--{name} '{text}' is not a whole number; fix: pass digits only, e.g. --{name} 5000");
    }
}
