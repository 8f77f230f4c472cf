using AwsAccess;
using Deploy.Artifacts;
using Deploy.Environments;

namespace Deploy.Functions;

/// <summary>The code a function should run: its package in the artifact store of the function's region, and that package's CodeSha256.</summary>
public sealed record FunctionArtifact(string Name, FunctionTarget Target, string CodeSha256, S3CodeLocation Code)
{
    /// <summary>Pairs every function of the environment (or those in <paramref name="only"/>) with its placed artifact; a function without one is an error.</summary>
    public static IReadOnlyList<FunctionArtifact> FromPlacements(DeployEnvironment environment, IEnumerable<ArtifactPlacement> placements, IReadOnlyCollection<string>? only = null)
    {
        var byName = placements.Where(p => p.Artifact.Kind == ManifestArtifact.FunctionKind).ToDictionary(p => p.Artifact.Name);
        return environment.Functions.Where(f => only is null || only.Contains(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).Select(function =>
        {
            if (!byName.TryGetValue(function.Key, out var placement))
                throw new ArtifactException($"Function {function.Key} has no artifact in artifacts/manifest.json: run ./build.sh Package (or remove it from infra/environments.json).");
            return new FunctionArtifact(function.Key, function.Value, placement.Artifact.CodeSha256,
                new S3CodeLocation(placement.Destination.Bucket, placement.Destination.Key));
        }).ToList();
    }

    /// <summary>For rollback: a version's package as found in the store.</summary>
    public static FunctionArtifact FromStored(string name, FunctionTarget target, StoredArtifact stored) =>
        new(name, target, stored.CodeSha256 ?? throw new ArtifactException(
                $"s3://{stored.Bucket}/{stored.Key} has no codesha256 metadata: it was not uploaded by this build; deploy a version packaged by it."),
            new S3CodeLocation(stored.Bucket, stored.Key, stored.VersionId));

    /// <summary>The same package pinned to the object version the store holds now (what was just uploaded or found).</summary>
    public FunctionArtifact PinnedTo(StoredArtifact? stored) =>
        stored?.VersionId is { } version && stored.Bucket == Code.Bucket && stored.Key == Code.Key ? this with { Code = Code with { ObjectVersion = version } } : this;
}

/// <summary>What the function's alias serves now; null hash and version when the alias does not exist yet.</summary>
public sealed record DeployedFunction(string FunctionName, string Region, string Alias, string? AliasCodeSha256, string? AliasVersion);
