using AwsAccess;

namespace Deploy.Functions;

/// <summary>
/// Reads what each function's alias serves, and applies a <see cref="FunctionPlan"/>: UpdateFunctionCode from the
/// regional artifact store (guarded by RevisionId), wait until LastUpdateStatus is Successful, PublishVersion
/// (guarded by CodeSha256), then move the alias (create it when missing). Runs under the deploy role.
/// </summary>
public sealed class FunctionRelease(Func<string, ILambdaFunctions> lambdaForRegion, FunctionReleaseOptions? options = null) : IDisposable
{
    private readonly FunctionReleaseOptions _options = options ?? new FunctionReleaseOptions();
    private readonly Dictionary<string, ILambdaFunctions> _clients = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task<DeployedFunction> ReadDeployedAsync(FunctionArtifact artifact, CancellationToken cancellationToken)
    {
        var target = artifact.Target;
        var lambda = Lambda(target.Region);
        try
        {
            var live = await lambda.GetFunctionConfigurationAsync(target.FunctionName, target.Alias, cancellationToken);
            return new DeployedFunction(target.FunctionName, target.Region, target.Alias, live.CodeSha256, live.Version);
        }
        catch (AwsApiException error) when (error.Code == "ResourceNotFoundException")
        {
            // Either the alias or the function is missing; asking for the function itself tells which (and fails with its name if it is missing).
            await lambda.GetFunctionConfigurationAsync(target.FunctionName, null, cancellationToken);
            return new DeployedFunction(target.FunctionName, target.Region, target.Alias, null, null);
        }
    }

    /// <summary>Reads every function and plans; nothing is written.</summary>
    public async Task<FunctionPlan> PlanAsync(IReadOnlyList<FunctionArtifact> artifacts, CancellationToken cancellationToken)
    {
        var deployed = new Dictionary<string, DeployedFunction>(StringComparer.Ordinal);
        foreach (var artifact in artifacts) deployed[artifact.Name] = await ReadDeployedAsync(artifact, cancellationToken);
        return FunctionPlanner.Plan(artifacts, deployed);
    }

    /// <summary>Releases the plan's updates, functions in parallel (each in its own region); skipped ones are reported as they are.</summary>
    /// <param name="description">Version description, e.g. "1.2.3 (abc1234)".</param>
    public async Task<IReadOnlyList<FunctionReleaseResult>> ApplyAsync(FunctionPlan plan, string description, IProgress<FunctionReleaseResult>? progress, CancellationToken cancellationToken)
    {
        var results = new List<FunctionReleaseResult>();
        foreach (var skipped in plan.Skipped)
        {
            var target = skipped.Artifact.Target;
            var result = new FunctionReleaseResult(skipped.Artifact.Name, target.FunctionName, target.Region, target.Alias, skipped.PreviousVersion ?? "", skipped.PreviousVersion, true);
            results.Add(result);
            progress?.Report(result);
        }
        var released = await Task.WhenAll(plan.Updates.Select(async change =>
        {
            var result = await ReleaseAsync(change, description, cancellationToken);
            progress?.Report(result);
            return result;
        }));
        return [.. results, .. released];
    }

    private async Task<FunctionReleaseResult> ReleaseAsync(FunctionChange change, string description, CancellationToken cancellationToken)
    {
        var (artifact, target) = (change.Artifact, change.Artifact.Target);
        var lambda = Lambda(target.Region);
        var name = target.FunctionName;

        // An update still running (another deploy, the console) would make ours fail with a conflict: let it finish first.
        var current = await FunctionUpdateWaiter.WaitUntilSettledAsync(lambda, name, _options.PollInterval, _options.UpdateTimeout, cancellationToken);
        try
        {
            await lambda.UpdateFunctionCodeAsync(name, artifact.Code, current.RevisionId, cancellationToken);
        }
        catch (AwsApiException e) when (e.Code == "PreconditionFailedException")
        {
            // Our update may have landed with its answer lost, so that the retry found the revision it had itself changed.
            var settled = await FunctionUpdateWaiter.WaitUntilSettledAsync(lambda, name, _options.PollInterval, _options.UpdateTimeout, cancellationToken);
            if (settled.CodeSha256 != artifact.CodeSha256) throw;
        }
        var updated = await FunctionUpdateWaiter.WaitForSuccessAsync(lambda, name, _options.PollInterval, _options.UpdateTimeout, cancellationToken);
        if (updated.CodeSha256 != artifact.CodeSha256)
        {
            throw new AwsAccessException(
                $"Lambda function {name} in {target.Region} reports CodeSha256 {updated.CodeSha256} for s3://{artifact.Code.Bucket}/{artifact.Code.Key}, the manifest says {artifact.CodeSha256}: " +
                "the stored object is not the packaged zip; run ./build.sh Package and deploy again.");
        }
        var version = await lambda.PublishVersionAsync(name, artifact.CodeSha256, description, updated.RevisionId, cancellationToken);
        var alias = await lambda.GetAliasAsync(name, target.Alias, cancellationToken);
        if (alias is null) await lambda.CreateAliasAsync(name, target.Alias, version.Version, description, cancellationToken);
        else
        {
            try
            {
                await lambda.UpdateAliasAsync(name, target.Alias, version.Version, alias.RevisionId, cancellationToken);
            }
            catch (AwsApiException e) when (e.Code == "PreconditionFailedException")
            {
                // The alias may have been moved by this very call, whose answer was lost.
                if ((await lambda.GetAliasAsync(name, target.Alias, cancellationToken))?.FunctionVersion != version.Version) throw;
            }
        }
        return new FunctionReleaseResult(artifact.Name, name, target.Region, target.Alias, version.Version, alias?.FunctionVersion, false);
    }

    private ILambdaFunctions Lambda(string region)
    {
        lock (_gate)
        {
            if (!_clients.TryGetValue(region, out var client)) _clients[region] = client = lambdaForRegion(region);
            return client;
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values) (client as IDisposable)?.Dispose();
        _clients.Clear();
    }
}
