using BuildGraph;
using BuildGraph.Extensions;
using Serilog;

/// <summary>
/// The build and deploy of the JAMstack blog: the Gatsby site and the Lambda functions are compiled,
/// tested and packaged, then deployed to the account the branch names (see Build.Deploy.cs).
/// </summary>
partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Package);

    [Parameter("Version for a source without git history (CodePipeline's zip source), e.g. 1.4.0-rc.2")]
    readonly string? BuildVersion;

    AbsolutePath SiteDirectory => RootDirectory / "site";
    AbsolutePath LambdasDirectory => RootDirectory / "lambdas";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    AbsolutePath EnvironmentsFile => RootDirectory / "infra" / "environments.json";

    IReadOnlyList<string> FunctionNames => LambdasDirectory.DirectoryExists()
        ? Directory.GetDirectories(LambdasDirectory).Where(d => File.Exists(Path.Combine(d, "package.json")))
            .Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList()
        : [];

    SourceRevision? gitRepository;
    /// <summary>Branch and commit, from git or from the pipeline's variables (resolved on first use).</summary>
    SourceRevision Repository => gitRepository ??= SourceRevision.Resolve(GitCli.Read(RootDirectory), ProcessEnvironment);

    GitVersion? gitVersion;
    /// <summary>The version of this commit, from GitVersion (or --build-version for a source without history).</summary>
    GitVersion GitVersion => gitVersion ??= ComputeVersion();

    GitVersion ComputeVersion()
    {
        var git = GitCli.Read(RootDirectory);
        if (!git.HasRepository)
            return GitVersionTool.RequireExplicit(BuildVersion, Repository.Commit);
        var computed = GitVersionTool.ComputeAsync(RootDirectory, Repository, BuildVersion, typeof(Build).Assembly, this.AbortToken()).GetAwaiter().GetResult();
        Log.Information("Version {Version} ({Branch} at {Commit})", computed.SemVer, Repository.Branch, computed.ShortSha);
        return computed;
    }

    static IReadOnlyDictionary<string, string?> ProcessEnvironment =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);
}
