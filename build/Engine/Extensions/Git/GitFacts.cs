namespace BuildGraph.Extensions;

/// <summary>What git itself says about a checkout; null members mean "git could not tell".</summary>
/// <param name="HasRepository">A .git folder (or file, for worktrees) exists and git answers.</param>
/// <param name="HeadBranch">The checked-out branch, or null on a detached HEAD.</param>
/// <param name="Commit">The full SHA of HEAD.</param>
/// <param name="IsClean">No staged, unstaged or untracked changes (ignored files do not count).</param>
/// <param name="BranchesAtHead">Local and remote branch names (without "origin/") whose tip is HEAD.</param>
public sealed record GitFacts(
    bool HasRepository,
    string? HeadBranch,
    string? Commit,
    bool? IsClean,
    IReadOnlyList<string> BranchesAtHead)
{
    public static readonly GitFacts None = new(false, null, null, null, []);
}
