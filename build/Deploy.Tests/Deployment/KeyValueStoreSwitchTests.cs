using System.Text.Json;
using AwsAccess;
using Deploy.Environments;
using Deploy.Tests.Environments;

namespace Deploy.Tests.Deployment;

/// <summary>
/// The release switch primitive against the local cloud: the build's KeyValueStoreClient, signing with its own SigV4A
/// as the deploy role, on the store environments.json names. The local cloud verifies the signature with the key it
/// derives from the role's secret and authorizes each call against the rendered deploy-role policy.
/// </summary>
public sealed class KeyValueStoreSwitchTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    [Fact]
    public async Task Promoting_is_one_PutKey_naming_the_ETag_a_stale_ETag_is_a_typed_conflict_and_writes_are_counted()
    {
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson);
        var local = file.Environments["local"];
        var arn = local.Site.KeyValueStoreArn!;
        var (_, deployRole) = await LocalSessions.OpenAsync(cloud.Api, local.DeployRole, "kvs-tests");
        using var kvs = deployRole.CreateKeyValueStore();

        var before = await kvs.DescribeAsync(arn, default);
        Assert.Equal(arn, before.Arn);
        var writesBefore = KeyValueStoreWrites();

        var promoted = await kvs.PutKeyAsync(arn, "live", "release-0.1.0", before.ETag, default);
        Assert.NotEqual(before.ETag, promoted);
        Assert.Equal("release-0.1.0", await kvs.GetKeyAsync(arn, "live", default));
        Assert.Null(await kvs.GetKeyAsync(arn, "no-such-key", default));

        var conflict = await Assert.ThrowsAsync<KeyValueStoreConflictException>(() => kvs.PutKeyAsync(arn, "live", "release-0.2.0", before.ETag, default));
        Assert.Equal(before.ETag, conflict.StaleETag);
        Assert.Equal("release-0.1.0", await kvs.GetKeyAsync(arn, "live", default));

        var updated = await kvs.UpdateKeysAsync(arn, [new("live", "release-0.2.0"), new("previous", "release-0.1.0")], [], promoted, default);
        Assert.Equal(updated, (await kvs.DescribeAsync(arn, default)).ETag);
        var keys = await kvs.ListKeysAsync(arn, default);
        Assert.Equal(["live", "previous"], keys.Select(k => k.Key).Order());
        Assert.Equal(2, KeyValueStoreWrites() - writesBefore);
    }

    [Fact]
    public async Task The_build_identity_is_refused_with_the_action_and_the_fix()
    {
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson);
        var local = file.Environments["local"];
        var (build, _) = await LocalSessions.OpenAsync(cloud.Api, local.DeployRole, "kvs-tests-build");
        using var kvs = build.CreateKeyValueStore();
        var refused = await Assert.ThrowsAsync<AwsApiException>(() => kvs.DescribeAsync(local.Site.KeyValueStoreArn!, default));
        Assert.Equal("AccessDeniedException", refused.Code);
        Assert.Contains("cloudfront-keyvaluestore:DescribeKeyValueStore", refused.Message);
    }

    /// <summary>Successful writes the local cloud counted (requests.json in its state folder).</summary>
    int KeyValueStoreWrites()
    {
        using var counts = JsonDocument.Parse(File.ReadAllText(Path.Combine(cloud.StateDirectory, "requests.json")));
        return counts.RootElement.TryGetProperty("cloudfront-keyvaluestore", out var service) && service.TryGetProperty("write", out var writes) ? writes.GetInt32() : 0;
    }
}
