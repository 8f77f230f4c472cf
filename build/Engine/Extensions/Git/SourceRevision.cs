namespace BuildGraph.Extensions;

/// <summary>Where the build's branch and commit came from, for messages and the summary.</summary>
public enum BranchSource { Git, PipelineVariable, CodeBuildWebhook, BranchAtHead }

/// <summary>The branch and commit this build works on, from git or from the CI host's variables.</summary>
public sealed record SourceRevision(string Branch, string? Commit, bool? IsClean, bool IsDetached, BranchSource Source)
{
    public bool IsOnBranch(params string[] names) => names.Contains(Branch, StringComparer.Ordinal);

    /// <summary>
    /// Decides branch and commit. Git wins when HEAD is on a branch; on a detached HEAD (CodeBuild's
    /// full clone) or without .git (CodePipeline's zip source) the pipeline's variables decide.
    /// </summary>
    public static SourceRevision Resolve(GitFacts git, IReadOnlyDictionary<string, string?> environment)
    {
        string? Variable(string name) =>
            environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var commit = git.Commit ?? Variable("COMMIT_ID") ?? Variable("CODEBUILD_RESOLVED_SOURCE_VERSION");
        if (git.HeadBranch is { } branch)
            return new(branch, commit, git.IsClean, IsDetached: false, BranchSource.Git);

        var detached = git.HasRepository;
        if (Variable("BRANCH_NAME") is { } fromPipeline)
            return new(StripHeadsPrefix(fromPipeline), commit, git.IsClean, detached, BranchSource.PipelineVariable);
        if (Variable("CODEBUILD_WEBHOOK_HEAD_REF") is { } headRef)
            return new(StripHeadsPrefix(headRef), commit, git.IsClean, detached, BranchSource.CodeBuildWebhook);
        if (Variable("CODEBUILD_SOURCE_VERSION") is { } sourceVersion && sourceVersion.StartsWith("refs/heads/", StringComparison.Ordinal))
            return new(StripHeadsPrefix(sourceVersion), commit, git.IsClean, detached, BranchSource.CodeBuildWebhook);
        if (git.BranchesAtHead is [var only])
            return new(only, commit, git.IsClean, detached, BranchSource.BranchAtHead);

        var why = !git.HasRepository ? "the source has no .git folder"
            : git.BranchesAtHead.Count > 1 ? $"HEAD is detached and several branches point at it ({string.Join(", ", git.BranchesAtHead)})"
            : "HEAD is detached";
        throw new InvalidOperationException(
            $"Cannot tell which branch this build is for: {why}. Set BRANCH_NAME (CodePipeline: #{{SourceVariables.BranchName}}) " +
            "and COMMIT_ID (#{SourceVariables.CommitId}), or use a full git clone.");
    }

    static string StripHeadsPrefix(string reference) =>
        reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : reference;
}
