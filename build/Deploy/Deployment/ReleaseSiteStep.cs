using Deploy.Releases;
using Deploy.Reporting;

namespace Deploy.Deployment;

/// <summary>
/// The site part of a deploy in release mode: plan the release, upload it, promote it (or leave it as a preview and
/// say where to look), keep the retention. Promoting needs no invalidation: see <see cref="ReleaseSync"/>.
/// </summary>
public sealed class ReleaseSiteStep(ReleaseDeploy releases, ReleaseSource source, bool promote, int keep, Func<int, string> previewUrl)
{
    /// <summary>
    /// Plans the release; when it is to be promoted, the plan's site carries the live release's version, so the deploy's
    /// version order (<see cref="VersionOrder"/>) keeps a superseded run from switching over a newer live site. A preview
    /// replaces nothing and is not ordered.
    /// </summary>
    public async Task<ReleasePlan> PlanAsync(string siteFolder, CancellationToken cancellationToken)
    {
        var plan = await releases.PlanAsync(siteFolder, source, cancellationToken);
        if (!promote) return plan;
        var live = await releases.LiveVersionAsync(plan.Catalogue, cancellationToken);
        return plan with { Site = plan.Site with { DeployedVersion = live } };
    }

    public async Task<ReleaseResult> ApplyAsync(ReleasePlan plan, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await releases.ApplyAsync(plan, promote, keep, cancellationToken);
        var shared = plan.Manifest.Files.Count - plan.UploadCount;
        output.WriteLine(result.IsNew
            ? $"site: release r{plan.Id} ({source.Version}): {Sizes.Objects(result.Uploaded)} uploaded ({Sizes.Format(result.UploadedBytes)}), {shared} shared with earlier releases, {result.SwitchWrites - (result.Promoted ? 1 : 0)} path entries"
            : $"site: 0 objects uploaded, release r{plan.Id} already holds this site");
        output.WriteLine(promote
            ? $"live: r{plan.Id}{(result.Promoted ? " (promoted: one switch write, no invalidation)" : " (already live)")}"
            : $"preview: {previewUrl(plan.Id)} (not live; ./build.sh Promote --version r{plan.Id} makes it live)");
        if (result.Pruned.Count > 0)
            output.WriteLine($"retention: {string.Join(", ", result.Pruned.Select(r => $"r{r}"))} pruned, {Sizes.Objects(result.Deleted)} deleted");
        return result;
    }

    /// <summary>What a dry run prints for the release part.</summary>
    public void Report(ReleasePlan plan, TextWriter output)
    {
        new DryRunReport(output).WriteSite(plan.Site);
        output.WriteLine(plan.IsNew
            ? $"Release r{plan.Id}: {Sizes.Objects(plan.UploadCount)} into _releases/{plan.Id}/, {plan.Histories.Count} path entries, then {(promote ? "promote (one switch write; the invalidation and deletes above are not made in release mode)" : "a preview, not promoted")}"
            : $"Release r{plan.Id} already holds this site: nothing to upload{(promote ? "; promote it if it is not live" : "")}");
    }
}
