using System.Collections.Concurrent;
using System.Diagnostics;

namespace Deploy.Site;

/// <summary>
/// Uploads a plan's phases in their order (assets before the pages that need them), each phase's files side by side,
/// and returns the ETag S3 gave every key. Shared by the in-place sync and release mode.
/// </summary>
public static class PhasedUploads
{
    public static async Task<ConcurrentDictionary<string, string>> RunAsync(ObjectUploader uploader, string bucket, IEnumerable<UploadPhase> phases,
        ISiteProgress progress, int concurrency, CancellationToken cancellationToken)
    {
        var etags = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        foreach (var phase in phases.Where(p => p.Uploads.Count > 0))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            progress.PhaseStarted(phase.Phase, phase.Uploads.Count, phase.Bytes);
            await Parallel.ForEachAsync(phase.Uploads,
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (upload, ct) =>
                {
                    etags[upload.Key] = await uploader.UploadAsync(bucket, upload, ct);
                    progress.Uploaded(phase.Phase, upload);
                });
            progress.PhaseCompleted(phase.Phase, phase.Uploads.Count, phase.Bytes, clock.Elapsed);
        }
        return etags;
    }
}
