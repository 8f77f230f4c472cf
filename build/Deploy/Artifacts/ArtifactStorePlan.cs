namespace Deploy.Artifacts;

public enum StoreAction { Upload, Skip }

/// <summary>One decision of the plan: upload the artifact, or skip it because the store already has the same bytes.</summary>
public sealed record StoreStep(ArtifactPlacement Placement, StoreAction Action, string Reason);

/// <summary>What uploading the artifacts would do; pure data, printed by --dry-run and executed by <see cref="ArtifactStoreClient"/>.</summary>
public sealed record ArtifactStorePlan(IReadOnlyList<StoreStep> Steps)
{
    public IReadOnlyList<StoreStep> Uploads => Steps.Where(s => s.Action == StoreAction.Upload).ToList();
    public IReadOnlyList<StoreStep> Skipped => Steps.Where(s => s.Action == StoreAction.Skip).ToList();
    public long UploadBytes => Uploads.Sum(s => s.Placement.Artifact.Size);
}

/// <summary>
/// Decides which artifacts to upload. Keys are content-addressed, so an object under the key with the same size
/// and the same recorded SHA-256 is the same artifact and is not uploaded again.
/// </summary>
public static class ArtifactStorePlanner
{
    public static ArtifactStorePlan Plan(IEnumerable<ArtifactPlacement> placements, IReadOnlyDictionary<(string Bucket, string Key), StoredArtifact> existing) =>
        new(placements.Select(placement =>
        {
            var destination = placement.Destination;
            var where = $"s3://{destination.Bucket}/{destination.Key}";
            if (!existing.TryGetValue((destination.Bucket, destination.Key), out var stored))
                return new StoreStep(placement, StoreAction.Upload, $"new in {where}");
            if (stored.Size == placement.Artifact.Size && string.Equals(stored.Sha256, placement.Artifact.Sha256, StringComparison.OrdinalIgnoreCase))
                return new StoreStep(placement, StoreAction.Skip, $"already in {where}");
            return new StoreStep(placement, StoreAction.Upload, $"replaces a different object in {where}");
        }).ToList());
}
