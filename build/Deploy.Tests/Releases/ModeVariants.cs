using Deploy.Tests.Deployment;
using Xunit.Abstractions;

namespace Deploy.Tests.Releases;

/// <summary>The local environment's deploy tests again in release mode, each class with a local cloud of its own.</summary>
public sealed class EnvironmentReleaseDeployTests(LocalCloudFixture cloud, ITestOutputHelper output) : EnvironmentDeployTests(cloud, output)
{
    protected override string Mode => SiteModes.Release;
}

/// <inheritdoc cref="EnvironmentReleaseDeployTests"/>
public sealed class TargetedReleaseDeployTests(LocalCloudFixture cloud) : TargetedDeployTests(cloud)
{
    protected override string Mode => SiteModes.Release;
}
