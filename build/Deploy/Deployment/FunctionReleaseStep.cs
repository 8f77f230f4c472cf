using Deploy.Functions;
using Deploy.Reporting;

namespace Deploy.Deployment;

/// <summary>The function updates of a deploy, over <see cref="FunctionRelease"/>: the plan made first is the plan applied.</summary>
public sealed class FunctionReleaseStep(FunctionRelease release, IReadOnlyList<FunctionArtifact> artifacts, string description, IProgress<FunctionReleaseResult>? progress = null) : IFunctionStep
{
    FunctionPlan? plan;

    public async Task<IReadOnlyList<FunctionLine>> PlanAsync(CancellationToken cancellationToken)
    {
        plan = await release.PlanAsync(artifacts, cancellationToken);
        return Lines(plan);
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken) =>
        await release.ApplyAsync(plan ?? await release.PlanAsync(artifacts, cancellationToken), description, progress, cancellationToken);

    public static IReadOnlyList<FunctionLine> Lines(FunctionPlan plan) =>
        plan.Changes.Select(c => new FunctionLine(c.Artifact.Name, c.Artifact.Target.FunctionName, c.Artifact.Target.Region,
            c.Action == FunctionAction.Update, c.Reason)).ToList();
}
