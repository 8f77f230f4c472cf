using Deploy.Artifacts;
using Deploy.Environments;
using Deploy.Functions;

namespace Deploy.Deployment;

/// <summary>
/// Rolls a function back by releasing its stored zip: UpdateFunctionCode from the store, publish, move the alias.
/// Lambda returns the existing version when the code is the same, and the release skips a function whose alias
/// already serves that CodeSha256, so rolling back to what is live changes nothing.
/// </summary>
public sealed class StoredFunctionRollback(DeployEnvironment environment, ArtifactStoreClient store, FunctionRelease release, string description) : IFunctionRollback
{
    public async Task RollBackAsync(string functionArtifact, StoredZip zip, CancellationToken cancellationToken)
    {
        if (!environment.Functions.TryGetValue(functionArtifact, out var target))
            throw new StoredArtifactException($"function '{functionArtifact}' is not in this environment; fix: add it to infra/environments.json or roll back without it");
        // The listing gave the key; the object's metadata gives the CodeSha256 Lambda will report for it.
        var stored = await store.FindVersionAsync(zip.Region, zip.Bucket, zip.Key, cancellationToken)
            ?? throw new StoredArtifactException($"s3://{zip.Bucket}/{zip.Key} disappeared during the rollback; fix: run the rollback again");
        var artifact = FunctionArtifact.FromStored(functionArtifact, target, stored);
        var plan = await release.PlanAsync([artifact], cancellationToken);
        await release.ApplyAsync(plan, description, null, cancellationToken);
    }
}
