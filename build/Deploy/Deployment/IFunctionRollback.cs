namespace Deploy.Deployment;

/// <summary>Points a function back at a stored zip (UpdateFunctionCode from the store, publish, move the alias).</summary>
public interface IFunctionRollback
{
    Task RollBackAsync(string functionArtifact, StoredZip zip, CancellationToken cancellationToken);
}
