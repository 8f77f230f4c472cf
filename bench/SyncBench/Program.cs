using Amazon.Runtime;
using AwsAccess;
using Deploy.Site;
using SyncBench;

// bench/run.sh drives this: `sync` deploys a folder to a bucket the way ./build.sh Deploy does (plan, phases,
// deletes, state), minus CloudFront; `generate` writes a Gatsby-shaped site when no real build is at hand.
var options = Arguments.Parse(args);
switch (options.Command)
{
    case "sync":
    {
        var environment = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = options.Require("endpoint") });
        var session = AwsSession.FromCredentials(
            new BasicAWSCredentials(options.Get("access-key") ?? "S3RVER", options.Get("secret-key") ?? "S3RVER"),
            options.Get("region") ?? "eu-central-1", new SessionOptions { Environment = environment });
        using var s3 = session.CreateS3(session.DefaultRegion);
        var deploy = new SiteDeploy(s3, new NoCdn(), new SilentProgress(), new SyncSettings { Force = true });
        var plan = await deploy.PlanAsync(options.Require("bucket"), options.Require("folder"), $"bench-{DateTimeOffset.UtcNow:yyyyMMddHHmmssfff}");
        var result = await deploy.ApplyAsync(plan);
        Console.WriteLine($"uploaded {result.Uploaded} objects ({result.UploadedBytes} bytes), {plan.Unchanged} unchanged, deleted {result.Deleted}");
        return 0;
    }
    case "generate":
        BenchSite.Write(options.Require("folder"), int.Parse(options.Get("pages") ?? "330"));
        return 0;
    default:
        Console.Error.WriteLine("usage: SyncBench sync --endpoint URL --bucket NAME --folder DIR | generate --folder DIR [--pages N]");
        return 2;
}

namespace SyncBench
{
    sealed class NoCdn : ISiteInvalidator
    {
        public Task InvalidateAsync(IReadOnlyList<string> paths, string callerReference, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    sealed record Arguments(string Command, IReadOnlyDictionary<string, string> Values)
    {
        public static Arguments Parse(string[] args)
        {
            var values = new Dictionary<string, string>();
            for (var i = 1; i + 1 < args.Length; i += 2)
                values[args[i].TrimStart('-')] = args[i + 1];
            return new Arguments(args.FirstOrDefault() ?? "", values);
        }

        public string? Get(string name) => Values.GetValueOrDefault(name);

        public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required");
    }
}
