using System.IO.Compression;
using Deploy.Environments;
using Deploy.Site;

namespace Deploy.Deployment;

/// <summary>
/// Puts a previous version back from the artifact stores: its site zip is extracted to a temporary folder and synced
/// like any build (same phases, invalidation, grace period), its functions are pointed back at their stored zips.
/// </summary>
public sealed class Rollback(StoredArtifacts store, SiteDeploy site, IFunctionRollback functions, TextWriter output)
{
    /// <param name="siteBucket">The site's bucket, or null to leave the site as it is (a rollback of functions only).</param>
    public async Task<SitePlan?> RunAsync(string version, string? siteBucket, IEnumerable<string> functionArtifacts, bool dryRun, CancellationToken cancellationToken = default)
    {
        var siteZip = siteBucket is null ? null : await store.FindAsync(ArtifactKind.Site, "site", version, cancellationToken);
        // Find every function zip before writing anything: a version missing a piece is refused whole.
        var functionZips = new List<StoredZip>();
        foreach (var name in functionArtifacts)
            functionZips.Add(await store.FindAsync(ArtifactKind.Function, name, version, cancellationToken));

        var temp = Directory.CreateTempSubdirectory("rollback-").FullName;
        try
        {
            SitePlan? plan = null;
            if (siteZip is not null)
            {
                var zipPath = Path.Combine(temp, "site.zip");
                var folder = Path.Combine(temp, "site");
                await store.DownloadAsync(siteZip, zipPath, cancellationToken);
                ZipFile.ExtractToDirectory(zipPath, folder); // refuses entries that would land outside the folder
                plan = await site.PlanAsync(siteBucket!, folder, $"rollback-{version}-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}", cancellationToken, version);
            }
            if (dryRun)
            {
                if (plan is not null)
                    new Reporting.DryRunReport(output).WriteSite(plan);
                foreach (var zip in functionZips)
                    output.WriteLine($"  rollback {zip.Name} → s3://{zip.Bucket}/{zip.Key}");
                return plan;
            }
            if (plan is not null)
                await site.ApplyAsync(plan, cancellationToken);
            foreach (var zip in functionZips)
                await functions.RollBackAsync(zip.Name, zip, cancellationToken);
            output.WriteLine($"rolled back to {version}: {(siteZip is null ? "site left as it is" : $"site from s3://{siteZip.Bucket}/{siteZip.Key}")}, {functionZips.Count} function(s)");
            return plan;
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
