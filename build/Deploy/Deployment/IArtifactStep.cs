using Deploy.Reporting;

namespace Deploy.Deployment;

/// <summary>Uploading the build's artifacts to the regional stores (implemented over the artifact store).</summary>
public interface IArtifactStep
{
    /// <summary>What would be uploaded and what is already stored; reads only.</summary>
    Task<IReadOnlyList<ArtifactLine>> PlanAsync(CancellationToken cancellationToken);

    Task PublishAsync(CancellationToken cancellationToken);
}

/// <summary>Updating the functions from the stored zips (implemented over the function release).</summary>
public interface IFunctionStep
{
    Task<IReadOnlyList<FunctionLine>> PlanAsync(CancellationToken cancellationToken);

    Task ReleaseAsync(CancellationToken cancellationToken);
}
