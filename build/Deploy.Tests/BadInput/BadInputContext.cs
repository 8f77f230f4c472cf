using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsAccess;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Tests.Deployment;
using Deploy.Tests.Environments;
using Deploy.Tests.Site;

namespace Deploy.Tests.BadInput;

/// <summary>
/// What a bad-input case works with: a packaged version of the local environment (deployed once, so the cloud holds a
/// site and functions to protect), the real environments.json to spoil, the local cloud's sessions, and the build program
/// for the command line and parameter files. Each case changes one input and runs the deploy as the build does.
/// </summary>
sealed class BadInputContext(QuickLocalCloudFixture cloud, string work)
{
    public const string Version = "8.0.0";

    public QuickLocalCloudFixture Cloud => cloud;
    public string Work => work;
    /// <summary>In place: the cases include the CloudFront calls that only an in-place deploy makes, and the shared cloud's other tests deploy in place too.</summary>
    public EnvironmentsFile File { get; } = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson).WithLocalIn(SiteModes.InPlace);
    public DeployEnvironment Local => File.Environments["local"];

    /// <summary>The packaged version (a fresh copy per case, so a case may spoil it).</summary>
    public Task<DeployRequest> PackageAsync(IReadOnlyDictionary<string, string>? extraFiles = null, string version = Version) =>
        LocalPackages.PackageAsync(Path.Combine(work, Guid.NewGuid().ToString("N")[..8]), File, version, new GeneratedSite(Pages: 2, Version: "catalogue"), video: null, dryRun: false,
            code: "catalogue", extraFiles: extraFiles);

    public Task<(AwsSession Build, AwsSession DeployRole)> SessionsAsync() => LocalSessions.OpenAsync(cloud.Api, Local.DeployRole, "bad-input");

    /// <summary>A deploy of <paramref name="request"/> as the deploy targets run it (through the whole EnvironmentDeploy).</summary>
    public async Task DeployAsync(DeployRequest request, (AwsSession Build, AwsSession DeployRole)? sessions = null)
    {
        var (build, role) = sessions ?? await SessionsAsync();
        await EnvironmentDeploy.RunAsync(request, build, role, TextWriter.Null, default);
    }

    /// <summary>Sessions whose every call goes to <paramref name="variables"/>' endpoints, with the local cloud's build key.</summary>
    public async Task<(AwsSession Build, AwsSession DeployRole)> SessionsWithAsync(Dictionary<string, string> variables, string? deployRole = null)
    {
        variables.TryAdd("AWS_ENDPOINT_URL", cloud.Api.ToString());
        var build = AwsSession.FromCredentials(new BasicAWSCredentials("AKIALOCALBUILD00000", "local-build-secret"), "eu-central-1",
            new SessionOptions { Environment = new AwsEnvironment(variables) });
        return (build, await build.AssumeRoleAsync(new RoleAssumption(deployRole ?? Local.DeployRole, "bad-input"), _ => { }, default));
    }

    /// <summary>environments.json changed by <paramref name="change"/>, written beside a copy of the schema and loaded as the build loads it.</summary>
    public EnvironmentsFile Spoiled(Action<JsonObject> change) => EnvironmentsLoader.Load(SpoiledFile(change)).WithLocalIn(SiteModes.InPlace);

    public string SpoiledFile(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(System.IO.File.ReadAllText(RepositoryFiles.EnvironmentsJson))!.AsObject();
        change(json);
        return WriteEnvironments(json.ToJsonString());
    }

    public string WriteEnvironments(string text)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "infra-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        System.IO.File.Copy(RepositoryFiles.EnvironmentsSchema, Path.Combine(folder, EnvironmentsLoader.SchemaFileName));
        var path = Path.Combine(folder, "environments.json");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public static JsonObject LocalOf(JsonObject json) => json["environments"]!["local"]!.AsObject();

    /// <summary>Runs the build program (what build.sh runs) on a fresh root holding environments.json and <paramref name="files"/>; its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> BuildAsync(IReadOnlyDictionary<string, string> files, params string[] arguments)
    {
        var root = Directory.CreateDirectory(Path.Combine(work, "root-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        if (files.ContainsKey(".git"))
        {
            // A checkout with one commit, so the build knows its commit.
            foreach (var git in new[] { "init -q", "-c user.email=t@example.com -c user.name=t commit -q --allow-empty -m one" })
            {
                using var gitProcess = Process.Start(new ProcessStartInfo("git", git) { WorkingDirectory = root, UseShellExecute = false })!;
                await gitProcess.WaitForExitAsync();
            }
            files = files.Where(f => f.Key != ".git").ToDictionary();
        }
        Directory.CreateDirectory(Path.Combine(root, "infra"));
        System.IO.File.Copy(RepositoryFiles.EnvironmentsJson, Path.Combine(root, "infra", "environments.json"));
        System.IO.File.Copy(RepositoryFiles.EnvironmentsSchema, Path.Combine(root, "infra", EnvironmentsLoader.SchemaFileName));
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        System.IO.File.WriteAllText(Path.Combine(root, ".nuke", "parameters.json"), "{}");
        foreach (var (name, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, name))!);
            System.IO.File.WriteAllText(Path.Combine(root, name), text);
        }
        var start = new ProcessStartInfo(await BuildProgram.DotnetAsync()) { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { await BuildProgram.PathAsync() }.Concat(arguments).Concat(["--root", root]))
            start.ArgumentList.Add(argument);
        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL", "CI", "CODEBUILD_BUILD_ID" })
            start.Environment.Remove(name);
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>The build program as build.sh builds it: `./build.sh --help` once brings it up to date, then its newest output is run.</summary>
static class BuildProgram
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static string? path;

    public static Task<string> DotnetAsync() =>
        Task.FromResult(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && System.IO.File.Exists(host) ? host : "dotnet");

    public static async Task<string> PathAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (path is not null) return path;
            var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryFiles.Root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "build.sh", "--help" }) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"./build.sh --help failed: {await stderr}");
            var newest = new DirectoryInfo(Path.Combine(RepositoryFiles.Root, ".nuke", "temp", "build-bin")).GetDirectories()
                .Where(d => System.IO.File.Exists(Path.Combine(d.FullName, ".complete")))
                .MaxBy(d => System.IO.File.GetLastWriteTimeUtc(Path.Combine(d.FullName, ".complete")))
                ?? throw new InvalidOperationException("./build.sh left no build program in .nuke/temp/build-bin");
            return path = Path.Combine(newest.FullName, "_build.dll");
        }
        finally
        {
            Gate.Release();
        }
    }
}
