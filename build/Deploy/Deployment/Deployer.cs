using Deploy.Releases;
using Deploy.Reporting;
using Deploy.Site;

namespace Deploy.Deployment;

/// <summary>Where the site goes and what it is deployed as.</summary>
public sealed record SiteRelease(string Bucket, string Folder, string DeployId)
{
    /// <summary>The version the site is deployed as (recorded in the bucket's state; null: none).</summary>
    public string? Version { get; init; }
}

/// <summary>The parts of a deploy, in the order they are written; each is a target (DeployArtifacts, DeploySite, DeployFunctions).</summary>
public enum DeployPart { Artifacts, Site, Functions }

/// <summary>
/// One deploy in the order that keeps visitors safe: artifacts to the stores → site phases (assets before the pages
/// that need them) → invalidate and wait → delete stale → functions. Every plan of the run's scope is made before
/// anything is written (<see cref="PrepareAsync"/>), so a bad input stops the deploy before its first write, and
/// --dry-run is the same run without the writes. The parts are then completed one by one, each once; the site and the
/// functions store their artifacts first when that has not happened yet (Lambda reads code from the store, and a
/// rollback needs the site's zip there).
/// </summary>
/// In release mode (<paramref name="releases"/> instead of <paramref name="site"/>) the site part uploads a release and switches to it.
public sealed class Deployer(IArtifactStep artifacts, SiteDeploy? site, IFunctionStep? functions, TextWriter output, ReleaseSiteStep? releases = null)
{
    string environmentName = "";
    bool isDryRun;
    bool prepared;
    IReadOnlyList<ArtifactLine> artifactPlan = [];
    SitePlan? sitePlan;
    IReadOnlyList<FunctionLine> functionPlan = [];
    readonly HashSet<DeployPart> completed = [];
    bool headerWritten;
    SyncResult? synced;
    ReleasePlan? releasePlan;

    bool HasSite => site is not null || releases is not null;

    /// <summary>CI: stale objects the caps kept fail the deploy at its end (<see cref="ThrowIfDeletesRefused"/>), not only a warning.</summary>
    public bool FailOnRefusedDeletes { get; init; }

    /// <summary>
    /// After the last part: in CI, a deploy whose stale deletes were refused fails in one line (everything else was written),
    /// so a pipeline does not pass while a wrong site folder waits for someone to read a warning.
    /// </summary>
    public void ThrowIfDeletesRefused()
    {
        if (FailOnRefusedDeletes && synced is not null && sitePlan?.RefusalMessage is { } refusal)
            throw new DeletesRefusedException($"Site deployed, but {refusal}");
    }

    /// <summary>The site plan (null when the run has no site), and what applying it did (null for a dry run or before DeploySite).</summary>
    public DeployOutcome Outcome => new(sitePlan, synced);

    /// <summary>Everything a deploy does, in order: what `./build.sh Deploy` does through its three parts.</summary>
    public async Task<DeployOutcome> RunAsync(string environment, SiteRelease? target, bool dryRun, CancellationToken cancellationToken = default)
    {
        await PrepareAsync(environment, target, dryRun, cancellationToken);
        foreach (var part in Enum.GetValues<DeployPart>())
            await CompleteAsync(part, cancellationToken);
        return Outcome;
    }

    /// <summary>Plans every part of the run's scope; reads only. Once per run: later calls do nothing.</summary>
    public async Task PrepareAsync(string environment, SiteRelease? target, bool dryRun, CancellationToken cancellationToken = default)
    {
        if (prepared) return;
        if (HasSite && target is null)
            throw new ArgumentException("A deploy with a site needs its release (bucket, folder, deploy id).", nameof(target));
        (environmentName, isDryRun) = (environment, dryRun);
        artifactPlan = await artifacts.PlanAsync(cancellationToken);
        releasePlan = releases is null ? null : await releases.PlanAsync(target!.Folder, cancellationToken);
        sitePlan = releasePlan?.Site ?? (site is null ? null : await site.PlanAsync(target!.Bucket, target.Folder, target.DeployId, cancellationToken, target.Version));
        functionPlan = functions is null ? [] : await functions.PlanAsync(cancellationToken);
        prepared = true;
    }

    /// <summary>Writes one part (for a dry run: prints its plan). A part already completed, or outside the scope, does nothing.</summary>
    public async Task CompleteAsync(DeployPart part, CancellationToken cancellationToken = default)
    {
        if (!prepared) throw new InvalidOperationException("PrepareAsync plans the run before any part is completed.");
        if (part != DeployPart.Artifacts && (part == DeployPart.Site ? !HasSite : functions is null)) return;
        if (!completed.Add(part)) return;
        if (part != DeployPart.Artifacts)
            await CompleteAsync(DeployPart.Artifacts, cancellationToken);
        if (isDryRun)
        {
            Report(part);
            return;
        }
        switch (part)
        {
            case DeployPart.Artifacts:
                await artifacts.PublishAsync(cancellationToken);
                var uploads = artifactPlan.Where(a => !a.AlreadyStored).ToList();
                output.WriteLine($"artifacts: {uploads.Count} uploaded ({Sizes.Format(uploads.Sum(a => a.Size))}), {artifactPlan.Count - uploads.Count} already stored");
                break;
            case DeployPart.Site when releases is not null:
                var released = await releases.ApplyAsync(releasePlan!, output, cancellationToken);
                synced = new SyncResult(released.Uploaded, released.UploadedBytes, 0, 0, released.IsNew);
                if (sitePlan!.RefusalMessage is not null)
                    output.WriteLine("warning: " + sitePlan.RefusalMessage);
                break;
            case DeployPart.Site:
                synced = await site!.ApplyAsync(sitePlan!, cancellationToken);
                if (sitePlan!.RefusalMessage is not null)
                    output.WriteLine("warning: " + sitePlan.RefusalMessage);
                output.WriteLine($"site: {Sizes.Objects(synced.Uploaded)} uploaded ({Sizes.Format(synced.UploadedBytes)}), {sitePlan.Unchanged} unchanged, " +
                                 $"{synced.Invalidated} paths invalidated, {Sizes.Objects(synced.Deleted)} deleted");
                break;
            case DeployPart.Functions:
                await functions!.ReleaseAsync(cancellationToken);
                foreach (var function in functionPlan)
                    output.WriteLine($"function {function.Name}: {(function.Update ? "updated" : "unchanged")} ({function.Reason})");
                break;
        }
    }

    void Report(DeployPart part)
    {
        var report = new DryRunReport(output);
        if (!headerWritten)
        {
            report.WriteHeader(environmentName);
            headerWritten = true;
        }
        switch (part)
        {
            case DeployPart.Artifacts: report.WriteArtifacts(artifactPlan); break;
            case DeployPart.Site when releases is not null: releases.Report(releasePlan!, output); break;
            case DeployPart.Site: report.WriteSite(sitePlan!); break;
            case DeployPart.Functions: report.WriteFunctions(functionPlan); break;
        }
    }
}

/// <summary>Stale deletes the caps refused, reported as a failure in CI.</summary>
public sealed class DeletesRefusedException(string message) : Exception(message);

/// <summary>The site plan (null when the run deploys no site), and what applying it did (null for a dry run).</summary>
public sealed record DeployOutcome(SitePlan? SitePlan, SyncResult? Result);
