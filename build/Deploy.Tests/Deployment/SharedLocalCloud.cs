namespace Deploy.Tests.Deployment;

/// <summary>
/// One local cloud for the tests that try deploys against it in turn (concurrency, crashes, bad input): starting one
/// takes seconds, and these tests run one after another in the collection, each leaving the site converged.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedLocalCloud : ICollectionFixture<QuickLocalCloudFixture>
{
    public const string Name = "shared local cloud";
}

/// <summary>A local cloud whose Lambda updates and CloudFront invalidations settle in 300 ms (`up --settle-ms`), for tests that deploy many times.</summary>
public sealed class QuickLocalCloudFixture : LocalCloudFixture
{
    protected override IEnumerable<string> UpOptions => ["--settle-ms", "300"];
}
