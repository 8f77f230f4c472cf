using System.Collections.Concurrent;
using Amazon.S3;
using Amazon.S3.Model;
using Deploy.Site;

namespace Deploy.Releases;

/// <summary>What a release deploy did.</summary>
public sealed record ReleaseResult(int Release, bool IsNew, int Uploaded, long UploadedBytes, int SwitchWrites, bool Promoted, IReadOnlyList<int> Pruned, int Deleted);

/// <summary>
/// Executes a <see cref="ReleasePlan"/>: the release's files (with the sync's uploader and phases), its manifest, the
/// path histories, the catalogue; then, when asked, the promote, one write; then retention. Nothing before the promote
/// changes what visitors get, so a deploy stopped anywhere before it leaves the live release untouched, and no
/// invalidation is needed after it: the function rewrites each URI into the release that serves it, and CloudFront's
/// cache key is the rewritten URI, so every edge looks the new release's objects up under keys it has never cached.
/// </summary>
public sealed class ReleaseSync(IAmazonS3 s3, bool useChunkEncoding, IReleaseSwitch releaseSwitch, ISiteProgress progress, SyncSettings settings)
{
    const int DeleteBatch = 1000; // DeleteObjects' limit

    readonly ObjectUploader uploader = new(s3, useChunkEncoding, settings.Multipart);

    public async Task<ReleaseResult> ApplyAsync(ReleasePlan plan, ReleaseBucket bucket, bool promote, int keep, CancellationToken cancellationToken = default)
    {
        var writes = 0;
        var catalogue = plan.Catalogue;
        if (plan.IsNew)
        {
            var etags = await UploadAsync(plan, bucket.Name, cancellationToken);
            var manifest = plan.Manifest with
            {
                Files = plan.Manifest.Files.ToDictionary(f => f.Key,
                    f => etags.TryGetValue(ReleaseLayout.ContentKey(plan.Id, f.Key), out var etag) ? f.Value with { ETag = etag } : f.Value, StringComparer.Ordinal),
            };
            await bucket.WriteManifestAsync(manifest, cancellationToken);
            await releaseSwitch.WriteHistoriesAsync(plan.Histories, cancellationToken);
            writes += plan.Histories.Count;
            await bucket.WriteCatalogueAsync(catalogue, cancellationToken);
        }
        var promoted = false;
        if (promote && (await releaseSwitch.LiveAsync(cancellationToken))?.Id != plan.Id)
        {
            // The error page CloudFront fetches without the function: the last release a deploy promoted (Promote and Rollback write no object).
            if (plan.ErrorPage is { } errorPage)
                await uploader.UploadAsync(bucket.Name, errorPage, cancellationToken);
            await releaseSwitch.PromoteAsync(plan.Id, cancellationToken);
            writes++;
            promoted = true;
        }
        var (pruned, deleted) = await PruneAsync(catalogue, keep, await releaseSwitch.LiveAsync(cancellationToken), bucket, cancellationToken);
        return new ReleaseResult(plan.Id, plan.IsNew, plan.UploadCount, plan.UploadBytes, writes, promoted, pruned, deleted);
    }

    Task<ConcurrentDictionary<string, string>> UploadAsync(ReleasePlan plan, string bucket, CancellationToken cancellationToken) =>
        PhasedUploads.RunAsync(uploader, bucket, plan.Phases, progress, settings.UploadConcurrency, cancellationToken);

    /// <summary>Drops releases past the retention and the files only they are served from; the catalogue first, so a stop leaves no release pointing at deleted files.</summary>
    async Task<(IReadOnlyList<int> Pruned, int Deleted)> PruneAsync(ReleaseCatalogue catalogue, int keep, LiveRelease? live, ReleaseBucket bucket, CancellationToken cancellationToken)
    {
        var prunable = ReleaseRetention.Prunable(catalogue, keep, live);
        if (prunable.Count == 0) return ([], 0);
        // The retained manifests too: hashed assets are in use while any retained release lists them.
        var manifests = new List<ReleaseManifest>();
        foreach (var summary in catalogue.Releases)
            if (await bucket.ReadManifestAsync(summary.Id, cancellationToken) is { } manifest)
                manifests.Add(manifest);
        var pruning = ReleaseRetention.Plan(catalogue, keep, live, manifests);
        await bucket.WriteCatalogueAsync(pruning.Catalogue, cancellationToken);
        foreach (var batch in pruning.DeleteKeys.Chunk(DeleteBatch))
        {
            var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = bucket.Name,
                Objects = batch.Select(k => new KeyVersion { Key = k }).ToList(),
                Quiet = true,
            }, cancellationToken);
            if (response.DeleteErrors is { Count: > 0 } errors)
                throw new SiteBucketException($"{errors.Count} files of pruned releases could not be deleted from '{bucket.Name}' (first: {errors[0].Key}: {errors[0].Code}); fix: allow s3:DeleteObject for the deploy role, then deploy again");
        }
        return (pruning.Releases, pruning.DeleteKeys.Count);
    }
}
