namespace BuildGraph.Extensions;

/// <summary>
/// GitVersion "normalises" a detached CI checkout: it creates a local branch for the CI's branch and checks it
/// out. Useful for computing the version, wrong to leave behind (the next step would read that branch instead of
/// the pipeline's), so this puts HEAD back on the commit and removes the branches that were not there before.
/// </summary>
public sealed class DetachedHeadGuard : IDisposable
{
    readonly string root;
    readonly string commit;
    readonly HashSet<string> branchesBefore;

    DetachedHeadGuard(string root, string commit, IEnumerable<string> branches)
    {
        this.root = root;
        this.commit = commit;
        branchesBefore = branches.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A guard for a detached HEAD; null when HEAD is on a branch (nothing to restore).</summary>
    public static DetachedHeadGuard? Capture(string root)
    {
        if (GitCli.Run(root, "symbolic-ref", "--quiet", "HEAD") is not null)
            return null;
        var commit = GitCli.Run(root, "rev-parse", "HEAD")?.Trim();
        return commit is null ? null : new DetachedHeadGuard(root, commit, LocalBranches(root));
    }

    public void Dispose()
    {
        GitCli.Run(root, "checkout", "--quiet", "--detach", commit);
        foreach (var branch in LocalBranches(root).Where(b => !branchesBefore.Contains(b)))
            GitCli.Run(root, "branch", "--quiet", "-D", branch);
    }

    static IEnumerable<string> LocalBranches(string root) =>
        (GitCli.Run(root, "for-each-ref", "--format=%(refname:short)", "refs/heads") ?? "")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
