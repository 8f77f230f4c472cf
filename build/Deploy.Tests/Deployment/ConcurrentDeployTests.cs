using System.Diagnostics;
using System.Text.Json;
using Amazon.S3.Model;
using AwsAccess;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Site;
using Deploy.Tests.Environments;
using Deploy.Tests.Site;
using Xunit.Abstractions;

namespace Deploy.Tests.Deployment;

/// <summary>
/// Two deploys of different versions to one environment started together: exactly one proceeds, the other is refused
/// in one line naming the holder of the site's lock (S3 conditional writes, which the local cloud honours as S3 does).
/// A deploy never records state over a listing another deploy changed, and an older version never replaces a newer one
/// unless forced.
/// </summary>
[Collection(SharedLocalCloud.Name)]
public sealed class ConcurrentDeployTests(QuickLocalCloudFixture cloud, ITestOutputHelper testOutput) : IDisposable
{
    readonly string work = Directory.CreateTempSubdirectory("concurrent-deploy-").FullName;
    readonly EnvironmentsFile file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson).WithLocalIn(SiteModes.InPlace);
    DeployEnvironment Local => file.Environments["local"];

    public void Dispose() => Directory.Delete(work, recursive: true);

    Task<DeployRequest> PackageAsync(string version, bool dryRun = false, bool force = false) =>
        LocalPackages.PackageAsync(work, file, version, new GeneratedSite(Pages: 6, Version: version), video: null, dryRun: dryRun)
            .ContinueWith(t => t.Result with { Force = force });

    async Task<(DeployOutcome? Outcome, Exception? Error)> TryDeployAsync(DeployRequest request, (AwsSession Build, AwsSession Role) sessions)
    {
        try
        {
            return (await EnvironmentDeploy.RunAsync(request, sessions.Build, sessions.Role, TextWriter.Null, default), null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    async Task<bool> ConvergedAsync(string version, (AwsSession Build, AwsSession Role) sessions)
    {
        var output = new StringWriter();
        var plan = await EnvironmentDeploy.RunAsync(await PackageAsync(version, dryRun: true), sessions.Build, sessions.Role, output, default);
        return plan.SitePlan!.ChangesNothing && output.ToString().Contains("Functions: 0 to update");
    }

    async Task<DeployState?> StateAsync(S3Connection s3)
    {
        using var response = await s3.Client.GetObjectAsync(Local.Site.Bucket, DeployState.Key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return DeployState.Decode(buffer.ToArray());
    }

    [Fact]
    public async Task Two_deploys_started_together_one_proceeds_the_other_is_refused_and_an_older_version_needs_force()
    {
        var sessionsA = await LocalSessions.OpenAsync(cloud.Api, Local.DeployRole, "concurrent-a");
        var sessionsB = await LocalSessions.OpenAsync(cloud.Api, Local.DeployRole, "concurrent-b");
        using var s3 = sessionsA.DeployRole.CreateS3(Local.Site.Region);
        var older = await PackageAsync("0.3.0");
        var newer = await PackageAsync("0.4.0");
        // The baseline, forced: other tests of the shared cloud may have left a newer version.
        await EnvironmentDeploy.RunAsync(await PackageAsync("0.2.0", force: true), sessionsA.Build, sessionsA.DeployRole, TextWriter.Null, default);

        var results = await Task.WhenAll(TryDeployAsync(older, sessionsA), TryDeployAsync(newer, sessionsB));
        var winners = results.Count(r => r.Error is null);
        var refusals = results.Where(r => r.Error is DeployLockedException).Select(r => r.Error!.Message).ToList();
        testOutput.WriteLine(string.Join('\n', results.Select(r => r.Error?.Message ?? "proceeded")));
        Assert.Equal(1, winners);
        var refusal = Assert.Single(refusals);
        Assert.DoesNotContain('\n', refusal);
        Assert.Matches(@"^another deploy \(version 0\.[34]\.0, 0\.[34]\.0-\d+, on .+ pid \d+\) holds s3://jamstack-site-local/_deploy/lock\.json since .*; fix: wait for it to finish and deploy again", refusal);
        var winner = results[0].Error is null ? "0.3.0" : "0.4.0";
        // The winner's site alone, complete, and its state says so; the lock is gone.
        var winnerConverged = await ConvergedAsync(winner, sessionsA);
        Assert.True(winnerConverged, $"{winner} did not converge");
        Assert.Equal(winner, (await StateAsync(s3))?.Version);
        Assert.Empty((await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Local.Site.Bucket, Prefix = DeployLock.Key })).S3Objects ?? []);

        // Superseded: with 0.4.0 deployed, 0.3.0 is refused before any write; --force deploys it on purpose.
        if (winner == "0.3.0") await EnvironmentDeploy.RunAsync(newer, sessionsB.Build, sessionsB.DeployRole, TextWriter.Null, default);
        var superseded = await Assert.ThrowsAsync<OlderVersionException>(() => EnvironmentDeploy.RunAsync(older, sessionsA.Build, sessionsA.DeployRole, TextWriter.Null, default));
        Assert.Equal("s3://jamstack-site-local runs version 0.4.0, newer than 0.3.0 this deploy would write (a superseded run?); " +
                     "fix: deploy the newer commit, or put 0.3.0 back on purpose with ./build.sh Rollback --version 0.3.0 (or Deploy --force)", superseded.Message);
        var olderRefused = await ConvergedAsync("0.4.0", sessionsB);
        Assert.True(olderRefused, "the refused older deploy changed the site");
        await EnvironmentDeploy.RunAsync(await PackageAsync("0.3.0", force: true), sessionsA.Build, sessionsA.DeployRole, TextWriter.Null, default);
        Assert.Equal("0.3.0", (await StateAsync(s3))?.Version);

        // A state written by someone else after this deploy planned (a writer that took no lock) is not overwritten.
        using (var deploy = EnvironmentDeploy.Open(newer, sessionsB.Build, sessionsB.DeployRole, TextWriter.Null))
        {
            await deploy.PrepareAsync(default);
            var changed = (await StateAsync(s3))! with { DeployId = "someone-else" };
            await s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = Local.Site.Bucket, Key = DeployState.Key, ContentBody = JsonSerializer.Serialize(changed, JsonSerializerOptions.Web), UseChunkEncoding = false });
            var stale = await Assert.ThrowsAsync<SiteBucketException>(() => deploy.CompleteAsync(DeployPart.Site, default));
            Assert.Matches(@"^s3://jamstack-site-local/_deploy/state\.json changed while this deploy ran \(another deploy wrote the site; PreconditionFailed\), so its state was not written; fix: deploy again", stale.Message);
        }
        await EnvironmentDeploy.RunAsync(newer, sessionsB.Build, sessionsB.DeployRole, TextWriter.Null, default);
        var rerunConverged = await ConvergedAsync("0.4.0", sessionsB);
        Assert.True(rerunConverged, "the rerun after a stale state did not converge");

        AreaCounts.Record(RepositoryFiles.Root, "concurrency", ("races", 1), ("one winner", winners == 1 && refusals.Count == 1 ? 1 : 0),
            ("older versions refused", 1), ("stale states refused", 1));
    }

    [Fact]
    public async Task A_lock_whose_lease_ended_or_whose_process_died_here_is_taken_over_and_a_live_one_is_not()
    {
        var (_, role) = await LocalSessions.OpenAsync(cloud.Api, Local.DeployRole, "lock-tests");
        using var s3 = role.CreateS3(Local.Site.Region);
        var bucket = Local.Site.Bucket;
        async Task PutLockAsync(LockHolder holder) =>
            await s3.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = DeployLock.Key, ContentBody = JsonSerializer.Serialize(holder, JsonSerializerOptions.Web), UseChunkEncoding = false });
        var now = DateTimeOffset.UtcNow;

        // Held by a live deploy on another machine: refused, naming it.
        await PutLockAsync(new LockHolder("0.9.0-1", "0.9.0", "ci-runner-7", 4242, now.AddMinutes(-1), now.AddMinutes(-1), now.AddMinutes(4)));
        var refused = await Assert.ThrowsAsync<DeployLockedException>(() => DeployLock.AcquireAsync(s3.Client, false, bucket, "0.5.0-1", "0.5.0", TimeSpan.FromMinutes(5), default));
        Assert.StartsWith("another deploy (version 0.9.0, 0.9.0-1, on ci-runner-7 pid 4242) holds s3://jamstack-site-local/_deploy/lock.json", refused.Message);

        // Its lease ended: taken over.
        await PutLockAsync(new LockHolder("0.9.0-1", "0.9.0", "ci-runner-7", 4242, now.AddMinutes(-9), now.AddMinutes(-9), now.AddMinutes(-1)));
        await (await DeployLock.AcquireAsync(s3.Client, false, bucket, "0.5.0-2", "0.5.0", TimeSpan.FromMinutes(5), default)).DisposeAsync();

        // Held by a process of this machine that is gone (a deploy killed with SIGKILL): taken over at once.
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        await PutLockAsync(new LockHolder("0.9.0-1", "0.9.0", Environment.MachineName, gone.Id, now, now, now.AddMinutes(4)));
        await using (await DeployLock.AcquireAsync(s3.Client, false, bucket, "0.5.0-3", "0.5.0", TimeSpan.FromMinutes(5), default))
        {
            var held = await s3.Client.GetObjectAsync(bucket, DeployLock.Key);
            using var reader = new StreamReader(held.ResponseStream);
            Assert.Contains("\"deployId\":\"0.5.0-3\"", await reader.ReadToEndAsync());
        }
        // Released at the end.
        Assert.Empty((await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = DeployLock.Key })).S3Objects ?? []);
    }
}
