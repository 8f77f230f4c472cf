using Deploy.Functions;
using Deploy.Reporting;

namespace Deploy.Deployment;

/// <summary>The function updates of a deploy, over <see cref="FunctionRelease"/>: the plan made first is the plan applied.</summary>
/// <remarks>
/// <paramref name="pin"/>: what the store holds under each artifact's key when the release starts (after the uploads), so
/// each UpdateFunctionCode names the object version (S3ObjectVersion) and a later write to the key changes nothing deployed.
/// </remarks>
public sealed class FunctionReleaseStep(FunctionRelease release, IReadOnlyList<FunctionArtifact> artifacts, string description, IProgress<FunctionReleaseResult>? progress = null,
    Func<IReadOnlyList<FunctionArtifact>, CancellationToken, Task<IReadOnlyList<FunctionArtifact>>>? pin = null) : IFunctionStep
{
    FunctionPlan? plan;

    public async Task<IReadOnlyList<FunctionLine>> PlanAsync(CancellationToken cancellationToken)
    {
        plan = await release.PlanAsync(artifacts, cancellationToken);
        return Lines(plan);
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var planned = plan ?? await release.PlanAsync(artifacts, cancellationToken);
        if (pin is not null)
        {
            var pinned = await pin(planned.Changes.Select(c => c.Artifact).ToList(), cancellationToken);
            planned = planned with { Changes = planned.Changes.Select((c, i) => c with { Artifact = pinned[i] }).ToList() };
        }
        await release.ApplyAsync(planned, description, progress, cancellationToken);
    }

    public static IReadOnlyList<FunctionLine> Lines(FunctionPlan plan) =>
        plan.Changes.Select(c => new FunctionLine(c.Artifact.Name, c.Artifact.Target.FunctionName, c.Artifact.Target.Region,
            c.Action == FunctionAction.Update, c.Reason)).ToList();
}
