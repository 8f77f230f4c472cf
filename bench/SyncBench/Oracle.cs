using Amazon.S3;
using Deploy.Site;

namespace SyncBench;

/// <summary>
/// The floor a site sync is measured against: told exactly which files changed, it uploads those and nothing else, with
/// our S3 client, headers, uploader and concurrency. No listing, no state, no hashing of files it was not told about;
/// each changed file is hashed once for the Content-MD5 (and part layout) its upload sends, as ours does.
/// </summary>
public sealed class Oracle(IAmazonS3 s3, bool useChunkEncoding, SyncSettings settings)
{
    readonly ObjectUploader uploader = new(s3, useChunkEncoding, settings.Multipart);

    /// <param name="changedKeys">Keys relative to <paramref name="siteFolder"/>, with forward slashes.</param>
    /// <returns>How many objects and bytes were uploaded.</returns>
    public async Task<(int Objects, long Bytes)> UploadAsync(string bucket, string siteFolder, IReadOnlyList<string> changedKeys, CancellationToken cancellationToken = default)
    {
        // Every file must be there before the first write: a wrong list must not leave a half-uploaded bucket.
        var missing = changedKeys.FirstOrDefault(key => !File.Exists(Path.Combine(siteFolder, key)));
        if (missing is not null)
            throw new ArgumentException($"changed file '{missing}' is not in {siteFolder}; fix: list keys relative to the site folder, one per line");

        long bytes = 0;
        await Parallel.ForEachAsync(changedKeys,
            new ParallelOptions { MaxDegreeOfParallelism = settings.UploadConcurrency, CancellationToken = cancellationToken },
            async (key, ct) =>
            {
                var path = Path.Combine(siteFolder, key);
                var size = new FileInfo(path).Length;
                var etags = await ETags.ComputeAsync(path, settings.Multipart, ct);
                var upload = new Upload(key, path, size, ContentTypes.For(key), CachePolicy.For(key), UploadReason.ChangedContent, etags);
                await uploader.UploadAsync(bucket, upload, ct);
                Interlocked.Add(ref bytes, size);
            });
        return (changedKeys.Count, bytes);
    }

    /// <summary>One key a line; blank lines are skipped, so an empty file means "nothing changed".</summary>
    public static IReadOnlyList<string> ReadChangedList(string path)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"changed-files list {path} does not exist; fix: write the changed keys there, one per line (an empty file for none)");
        return File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }
}
