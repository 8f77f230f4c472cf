namespace Deploy.Environments;

/// <summary>What the resolver needs to know about this run; all of it comes from the host, none from AWS.</summary>
public sealed record ResolutionInput(
    string? ExplicitEnvironment,
    string? Branch,
    bool IsCI,
    bool HasAwsCredentials,
    bool WorkTreeClean);

/// <summary>The outcome: deploy to a named environment, deploy nothing (exit 0, with a reason), or refuse (non-zero, with the fix).</summary>
public abstract record Resolution
{
    /// <param name="Preview">Deploy a release without promoting it (a branch in the environment's releases.previewBranches).</param>
    public sealed record Deploy(string Environment, string Reason, bool Preview = false) : Resolution;
    public sealed record Nothing(string Reason) : Resolution;
    public sealed record Refused(string Message) : Resolution;
}

/// <summary>
/// Branch → environment rules. --environment wins; in CI the branch decides; on a workstation the branch decides
/// too, but prod needs an explicit --environment prod and a clean work tree; without credentials outside CI, local.
/// </summary>
public sealed class EnvironmentResolution(EnvironmentsFile file)
{
    public const string LocalEnvironment = "local";
    const string Production = "prod";

    public Resolution Resolve(ResolutionInput input)
    {
        if (input.ExplicitEnvironment is { } chosen)
            return Explicit(chosen, input);

        if (!input.IsCI && !input.HasAwsCredentials && file.Environments.ContainsKey(LocalEnvironment))
            return new Resolution.Deploy(LocalEnvironment, "no AWS credentials outside CI: the local environment");

        var branch = Normalize(input.Branch);
        if (branch is null)
            return new Resolution.Refused("the branch is unknown, so no environment can be chosen; fix: pass --environment <"
                + string.Join("|", file.EnvironmentNames) + "> or set BRANCH_NAME");

        var target = EnvironmentOfBranch(branch);
        if (target is null && input.IsCI && PreviewEnvironmentOf(branch) is { } preview)
            return new Resolution.Deploy(preview, $"CI on branch '{branch}': a preview, never promoted (environments.{preview}.releases.previewBranches)", Preview: true);
        if (target is null)
            return new Resolution.Nothing(input.IsCI
                ? $"branch '{branch}' deploys nothing (only {BranchList()} deploy in CI)"
                : $"branch '{branch}' maps to no environment; pass --environment <{string.Join("|", file.EnvironmentNames)}> to deploy it");

        if (input.IsCI)
            return new Resolution.Deploy(target, $"CI on branch '{branch}'");

        if (target == Production)
            return new Resolution.Refused($"branch '{branch}' deploys to prod, which a workstation deploys only when asked; fix: pass --environment prod from a clean work tree");
        return new Resolution.Deploy(target, $"branch '{branch}'");
    }

    Resolution Explicit(string chosen, ResolutionInput input)
    {
        if (!file.Environments.ContainsKey(chosen))
            return new Resolution.Refused($"unknown environment '{chosen}'; fix: pass --environment with one of {string.Join(", ", file.EnvironmentNames)}");
        if (chosen == Production && !input.IsCI && !input.WorkTreeClean)
            return new Resolution.Refused("prod is deployed only from a clean work tree; fix: commit or stash your changes, then run again with --environment prod");
        return new Resolution.Deploy(chosen, "--environment " + chosen);
    }

    string? EnvironmentOfBranch(string branch) =>
        file.Environments.FirstOrDefault(e => e.Value.Branches.Contains(branch, StringComparer.Ordinal)).Key;

    string? PreviewEnvironmentOf(string branch) =>
        file.Environments.FirstOrDefault(e => e.Value.SiteReleases.IsReleaseMode && e.Value.SiteReleases.PreviewsBranch(branch)).Key;

    string BranchList() => string.Join(", ", file.Environments
        .Where(e => e.Value.Branches.Count > 0)
        .Select(e => $"{string.Join("/", e.Value.Branches)} → {e.Key}"));

    /// <summary>CI variables sometimes carry the full ref (refs/heads/develop); the rules speak of branch names.</summary>
    static string? Normalize(string? branch)
    {
        if (string.IsNullOrWhiteSpace(branch)) return null;
        branch = branch.Trim();
        foreach (var prefix in new[] { "refs/heads/", "origin/" })
            if (branch.StartsWith(prefix, StringComparison.Ordinal)) return branch[prefix.Length..];
        return branch;
    }
}
