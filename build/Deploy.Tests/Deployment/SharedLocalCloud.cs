namespace Deploy.Tests.Deployment;

/// <summary>
/// One local cloud for the tests that try deploys against it in turn (concurrency, crashes, bad input): starting one
/// takes seconds, and these tests run one after another in the collection, each leaving the site converged.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedLocalCloud : ICollectionFixture<LocalCloudFixture>
{
    public const string Name = "shared local cloud";
}
