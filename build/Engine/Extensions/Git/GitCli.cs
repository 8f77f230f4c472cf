using System.Diagnostics;

namespace BuildGraph.Extensions;

/// <summary>Reads <see cref="GitFacts"/> by asking the git command line.</summary>
public static class GitCli
{
    public static GitFacts Read(string workingDirectory)
    {
        if (Run(workingDirectory, "rev-parse", "--git-dir") is null)
            return GitFacts.None;

        var commit = Run(workingDirectory, "rev-parse", "HEAD")?.Trim();
        var branch = Run(workingDirectory, "symbolic-ref", "--quiet", "--short", "HEAD")?.Trim();
        var status = Run(workingDirectory, "status", "--porcelain", "--untracked-files=normal");
        var atHead = Run(workingDirectory, "for-each-ref", "--points-at", "HEAD",
            "--format=%(refname)", "refs/heads", "refs/remotes");

        return new GitFacts(
            HasRepository: true,
            HeadBranch: string.IsNullOrEmpty(branch) ? null : branch,
            Commit: string.IsNullOrEmpty(commit) ? null : commit,
            IsClean: status is null ? null : status.Trim().Length == 0,
            BranchesAtHead: ParseRefs(atHead));
    }

    // "refs/heads/develop" and "refs/remotes/origin/develop" both name the branch "develop";
    // "refs/remotes/origin/HEAD" is a pointer, not a branch.
    internal static IReadOnlyList<string> ParseRefs(string? refs) =>
        (refs ?? "")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(r => r.StartsWith("refs/heads/", StringComparison.Ordinal) ? r["refs/heads/".Length..]
            : r.StartsWith("refs/remotes/", StringComparison.Ordinal) ? r["refs/remotes/".Length..].Split('/', 2) is [_, var b] ? b : null
            : null)
        .Where(b => b is not null && b != "HEAD")
        .Select(b => b!)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    internal static string? Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // A repository owned by another user (CodeBuild's source folder) must still be readable.
        start.Environment["GIT_CONFIG_COUNT"] = "1";
        start.Environment["GIT_CONFIG_KEY_0"] = "safe.directory";
        start.Environment["GIT_CONFIG_VALUE_0"] = "*";
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Result : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed: behave as a source without history
        }
    }
}
