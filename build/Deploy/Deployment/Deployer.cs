using Deploy.Reporting;
using Deploy.Site;

namespace Deploy.Deployment;

/// <summary>Where the site goes and what it is deployed as.</summary>
public sealed record SiteRelease(string Bucket, string Folder, string DeployId);

/// <summary>
/// One deploy in the order that keeps visitors safe: artifacts to the stores → site phases (assets before the pages
/// that need them) → invalidate and wait → delete stale → functions. Every plan is made before anything is written,
/// so a bad input stops the deploy before its first write, and --dry-run is the same run without the writes.
/// </summary>
public sealed class Deployer(IArtifactStep artifacts, SiteDeploy site, IFunctionStep functions, TextWriter output)
{
    public async Task<DeployOutcome> RunAsync(string environment, SiteRelease target, bool dryRun, CancellationToken cancellationToken = default)
    {
        var artifactPlan = await artifacts.PlanAsync(cancellationToken);
        var sitePlan = await site.PlanAsync(target.Bucket, target.Folder, target.DeployId, cancellationToken);
        var functionPlan = await functions.PlanAsync(cancellationToken);

        if (dryRun)
        {
            new DryRunReport(output).Write(environment, artifactPlan, sitePlan, functionPlan);
            return new DeployOutcome(sitePlan, null);
        }

        await artifacts.PublishAsync(cancellationToken);
        var uploads = artifactPlan.Where(a => !a.AlreadyStored).ToList();
        output.WriteLine($"artifacts: {uploads.Count} uploaded ({Sizes.Format(uploads.Sum(a => a.Size))}), {artifactPlan.Count - uploads.Count} already stored");
        var synced = await site.ApplyAsync(sitePlan, cancellationToken);
        if (sitePlan.RefusalMessage is not null)
            output.WriteLine("warning: " + sitePlan.RefusalMessage);
        await functions.ReleaseAsync(cancellationToken);
        foreach (var function in functionPlan)
            output.WriteLine($"function {function.Name}: {(function.Update ? "updated" : "unchanged")} ({function.Reason})");
        output.WriteLine($"site: {Sizes.Objects(synced.Uploaded)} uploaded ({Sizes.Format(synced.UploadedBytes)}), {sitePlan.Unchanged} unchanged, " +
                         $"{synced.Invalidated} paths invalidated, {Sizes.Objects(synced.Deleted)} deleted");
        return new DeployOutcome(sitePlan, synced);
    }
}

/// <summary>The site plan, and what applying it did (null for a dry run).</summary>
public sealed record DeployOutcome(SitePlan SitePlan, SyncResult? Result);
