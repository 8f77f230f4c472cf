using Deploy.Artifacts;
using Deploy.Reporting;

namespace Deploy.Deployment;

/// <summary>The artifact upload of a deploy, over <see cref="ArtifactStoreClient"/>: the plan made first is the plan published.</summary>
public sealed class ArtifactStoreStep(ArtifactStoreClient store, IReadOnlyList<ArtifactPlacement> placements, IProgress<StoreStep>? progress = null) : IArtifactStep
{
    ArtifactStorePlan? plan;

    public async Task<IReadOnlyList<ArtifactLine>> PlanAsync(CancellationToken cancellationToken)
    {
        plan = await store.PlanAsync(placements, cancellationToken);
        return Lines(plan);
    }

    public async Task PublishAsync(CancellationToken cancellationToken) =>
        await store.ApplyAsync(plan ?? await store.PlanAsync(placements, cancellationToken), progress, cancellationToken);

    public static IReadOnlyList<ArtifactLine> Lines(ArtifactStorePlan plan) =>
        plan.Steps.Select(s => new ArtifactLine(s.Placement.Artifact.Name, s.Placement.Destination.Bucket, s.Placement.Destination.Key,
            s.Placement.Artifact.Size, s.Action == StoreAction.Skip)).ToList();
}
