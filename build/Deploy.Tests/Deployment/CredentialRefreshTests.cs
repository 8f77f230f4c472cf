using System.Diagnostics;
using Amazon.Runtime;
using AwsAccess;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Tests.Environments;
using Deploy.Tests.Site;
using Xunit.Abstractions;

namespace Deploy.Tests.Deployment;

/// <summary>
/// A local cloud whose AssumeRole sessions end after a few seconds (`up --max-session-seconds`): STS still requires the
/// 900–3600 s AWS accepts, then cuts the session short and says so in Expiration, as a role with a short session would.
/// </summary>
public sealed class ShortSessionCloudFixture : LocalCloudFixture
{
    public const int SessionSeconds = 3;

    protected override IEnumerable<string> UpOptions => ["--max-session-seconds", $"{SessionSeconds}"];
}

/// <summary>A deploy that outlasts the deploy role's session renews it before it expires and completes.</summary>
public sealed class CredentialRefreshTests(ShortSessionCloudFixture cloud, ITestOutputHelper testOutput) : IClassFixture<ShortSessionCloudFixture>, IDisposable
{
    readonly string work = Directory.CreateTempSubdirectory("refresh-deploy-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task A_deploy_longer_than_the_role_session_renews_it_and_completes()
    {
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson);
        var environment = file.Environments["local"];
        var variables = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = cloud.Api.ToString() });
        var build = AwsSession.FromCredentials(new BasicAWSCredentials("AKIALOCALBUILD00000", "local-build-secret"), "eu-central-1",
            new SessionOptions { Environment = variables });
        var registered = new List<string>();
        var clock = Stopwatch.StartNew();
        var deployRole = await build.AssumeRoleAsync(new RoleAssumption(environment.DeployRole, "refresh-tests"), s => { lock (registered) registered.Add(s); }, default);
        var credentials = Assert.IsType<AssumedRoleCredentials>(deployRole.Credentials);
        var firstKey = (await credentials.GetCredentialsAsync()).AccessKey;

        var request = await LocalPackages.PackageAsync(work, file, "0.1.0", new GeneratedSite(Pages: 6), video: null, dryRun: false);
        var deployOutput = new StringWriter();
        using var deploy = EnvironmentDeploy.Open(request, build, deployRole, deployOutput);
        await deploy.PrepareAsync(default);
        // Planned on the first session; written after it ended, as a long upload would be (the local cloud is fast).
        var firstEnds = TimeSpan.FromSeconds(ShortSessionCloudFixture.SessionSeconds + 0.5) - clock.Elapsed;
        if (firstEnds > TimeSpan.Zero) await Task.Delay(firstEnds);
        foreach (var part in Enum.GetValues<DeployPart>())
            await deploy.CompleteAsync(part, default);
        var outcome = deploy.Outcome;
        var elapsed = clock.Elapsed;
        testOutput.WriteLine($"credentials: deploy ran {elapsed.TotalSeconds:0.0} s on {ShortSessionCloudFixture.SessionSeconds} s sessions, renewed {credentials.Refreshes} time(s), 0 expired");

        Assert.Equal(outcome.SitePlan!.UploadCount, outcome.Result!.Uploaded);
        Assert.True(elapsed > TimeSpan.FromSeconds(ShortSessionCloudFixture.SessionSeconds), $"the deploy took only {elapsed}: it must outlast a session");
        Assert.True(credentials.Refreshes >= 1, "the session was never renewed");
        Assert.NotEqual(firstKey, (await credentials.GetCredentialsAsync()).AccessKey);
        // Every session's secret key and token were handed over for masking (the first and each renewal).
        Assert.True(registered.Count >= 2 * (credentials.Refreshes + 1) - 2, $"{registered.Count} secrets registered for {credentials.Refreshes + 1} sessions");

        // Still on renewing credentials, well after the first session ended: nothing left to do.
        var output = new StringWriter();
        var plan = await EnvironmentDeploy.RunAsync(await LocalPackages.PackageAsync(work, file, "0.1.0", new GeneratedSite(Pages: 6), video: null, dryRun: true),
            build, deployRole, output, default);
        Assert.True(plan.SitePlan!.ChangesNothing, output.ToString());
        Assert.Contains("Functions: 0 to update, 2 unchanged", output.ToString());

        // No session's secret key or token reaches what the deploys print or what the package and site folders hold,
        // nor the functions' logs in the local cloud (its own session store, sts/, holds them by design and is not scanned).
        var places = new List<(string Place, string Text)> { ("deploy output", deployOutput.ToString()), ("dry run output", output.ToString()) };
        var logs = Path.Combine(cloud.StateDirectory, "lambda", "logs");
        foreach (var folder in new[] { work, logs }.Where(Directory.Exists))
            places.AddRange(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllText(f))));
        var found = places.Where(p => registered.Any(secret => p.Text.Contains(secret, StringComparison.Ordinal))).Select(p => p.Place).ToList();
        testOutput.WriteLine($"secrets: {found.Count} found in {places.Count} places ({registered.Count} session secrets)");
        AreaCounts.Record(RepositoryFiles.Root, "secrets", ("places scanned", places.Count), ("leaks", found.Count));
        Assert.Empty(found);
    }
}
