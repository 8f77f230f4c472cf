using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BuildGraph.Extensions;

/// <summary>
/// Runs the GitVersion command line that the GitVersion.MsBuild package ships (tools/&lt;tfm&gt;/gitversion.dll).
/// The build project downloads the package and records the dll's path as assembly metadata "GitVersionDll".
/// </summary>
public static partial class GitVersionTool
{
    /// <param name="buildAssembly">The build's assembly, which records where GitVersion's dll was downloaded to.</param>
    public static async Task<GitVersion> ComputeAsync(
        string rootDirectory, SourceRevision repository, string? explicitVersion, Assembly buildAssembly, CancellationToken cancellationToken = default)
    {
        if (explicitVersion is not null)
            return GitVersion.Explicit(ValidateExplicit(explicitVersion), repository.Commit);

        var dll = LocateDll(buildAssembly);
        var environment = new Dictionary<string, string?>();
        // On a detached HEAD GitVersion only knows the branch from a CI variable it reads itself;
        // with CODEBUILD_WEBHOOK_HEAD_REF it normalises the clone to that branch, as CodeBuild would.
        if (repository.IsDetached)
            environment["CODEBUILD_WEBHOOK_HEAD_REF"] = $"refs/heads/{repository.Branch}";
        ToolResult result;
        using (repository.IsDetached ? DetachedHeadGuard.Capture(rootDirectory) : null)
            result = await ToolProcess.RunAsync("dotnet", [dll, rootDirectory, "/output", "json", "/nofetch"],
                workingDirectory: null, environment: environment, logOutput: false, cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
            throw new InvalidOperationException(
                $"GitVersion failed (exit {result.ExitCode}): {LastErrorLine(result.Output)}. Fix the repository state or pass --build-version.");
        return Parse(string.Join('\n', result.Output));
    }

    /// <summary>The checkout without git history: no version can be derived, so one must be given.</summary>
    public static GitVersion RequireExplicit(string? explicitVersion, string? commit) =>
        explicitVersion is null
            ? throw new InvalidOperationException(
                "This source has no git history, so GitVersion cannot compute a version: pass --build-version <semver> (e.g. 1.4.0-rc.2).")
            : GitVersion.Explicit(ValidateExplicit(explicitVersion), commit);

    internal static GitVersion Parse(string output)
    {
        var start = output.IndexOf('{');
        var end = output.LastIndexOf('}');
        if (start < 0 || end < start)
            throw new InvalidOperationException("GitVersion printed no JSON. Run it with --verbosity verbose to see its output.");
        return JsonSerializer.Deserialize<GitVersion>(output[start..(end + 1)])
            ?? throw new InvalidOperationException("GitVersion printed an empty version.");
    }

    static string ValidateExplicit(string version) =>
        SemVerPattern().IsMatch(version)
            ? version
            : throw new InvalidOperationException($"--build-version '{version}' is not a semantic version: use MAJOR.MINOR.PATCH[-PRERELEASE], e.g. 1.4.0-rc.2.");

    static string LocateDll(Assembly buildAssembly)
    {
        var path = buildAssembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "GitVersionDll")?.Value;
        return path is not null && File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"GitVersion's command line was not found at '{path ?? "(not recorded)"}': restore the build project (./build.sh rebuilds it) so the GitVersion.MsBuild package is downloaded.");
    }

    // GitVersion prints "An error occurred:" and the reason on the next line.
    public static string LastErrorLine(IReadOnlyList<string> output)
    {
        var marker = output.ToList().FindLastIndex(l => l.Contains("An error occurred", StringComparison.Ordinal));
        if (marker >= 0 && marker + 1 < output.Count && output[marker + 1].Trim() is { Length: > 0 } reason)
            return reason;
        return output.LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))?.Trim()
            ?? output.LastOrDefault()?.Trim() ?? "no output";
    }

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVerPattern();
}
