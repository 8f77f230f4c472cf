using Amazon.Runtime;
using AwsAccess;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Tests.Environments;
using Deploy.Tests.Site;
using Xunit.Abstractions;

namespace Deploy.Tests.Deployment;

/// <summary>
/// Deploys through the local cloud's fault proxy: a seeded share of requests to S3, KMS, STS, Lambda and CloudFront
/// fails as AWS fails. A deploy either succeeds or fails in one line; rerun, it converges, and then the remote state
/// equals the local one (a direct dry run finds nothing to upload, update, invalidate or delete).
/// </summary>
public sealed class FaultyDeployTests(LocalCloudFixture cloud, ITestOutputHelper testOutput) : IClassFixture<LocalCloudFixture>, IDisposable
{
    readonly string work = Directory.CreateTempSubdirectory("faulty-deploy-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    static Task<(AwsSession Build, AwsSession DeployRole)> SessionsAsync(Uri endpoint, DeployEnvironment environment) =>
        LocalSessions.OpenAsync(endpoint, environment.DeployRole, "faulty-deploy");

    [Theory]
    [InlineData(0.1, 11, "0.1.0")]
    [InlineData(0.3, 12, "0.2.0")]
    public async Task A_deploy_through_faults_converges_to_exactly_the_packaged_state(double rate, int seed, string version)
    {
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson);
        var environment = file.Environments["local"];
        var site = new GeneratedSite(Pages: 12, Version: version);
        var request = await LocalPackages.PackageAsync(work, file, version, site, video: null, dryRun: false);

        var failures = new List<string>();
        await using (var proxy = await FaultProxy.StartAsync(cloud.Api, rate, seed))
        {
            for (var attempt = 1; attempt <= 4; attempt++)
            {
                try
                {
                    var (build, deployRole) = await SessionsAsync(proxy.Endpoint, environment);
                    await EnvironmentDeploy.RunAsync(request, build, deployRole, TextWriter.Null, default);
                    break;
                }
                catch (Exception e) when (attempt < 4)
                {
                    // A failed attempt says what failed in one line.
                    Assert.DoesNotContain('\n', e.Message.Trim());
                    failures.Add(e.Message);
                }
            }
        }
        testOutput.WriteLine($"faults at {rate:P0}: {failures.Count} failed attempt(s) before convergence{string.Concat(failures.Select(f => $"\n  {f}"))}");

        // Directly, without faults: nothing left to do, so every object, header and function is as packaged.
        var (directBuild, directRole) = await SessionsAsync(cloud.Api, environment);
        var output = new StringWriter();
        var plan = await EnvironmentDeploy.RunAsync(await LocalPackages.PackageAsync(work, file, version, site, video: null, dryRun: true), directBuild, directRole, output, default);
        AreaCounts.Record(RepositoryFiles.Root, "faults", ("deploys", failures.Count + 1), ("lost", SiteDrift.Lost(plan.SitePlan!)), ("corrupt", SiteDrift.Corrupt(plan.SitePlan!)),
            ("non-converging", plan.SitePlan!.ChangesNothing && output.ToString().Contains("Functions: 0 to update") ? 0 : 1));
        Assert.True(plan.SitePlan!.ChangesNothing, output.ToString());
        Assert.Contains("Functions: 0 to update, 2 unchanged", output.ToString());
        Assert.Contains("Invalidate: nothing", output.ToString());
    }
}
