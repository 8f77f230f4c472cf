using System.Text.Json;

namespace AwsAccess.Tests;

public sealed class KmsKeysTests
{
    [Fact]
    public async Task An_alias_resolves_to_the_key_arn_through_the_regions_kms()
    {
        using var server = new RecordingServer();
        var arn = await TestSessions.For(server).CreateKms().ResolveKeyArnAsync("eu-west-1", "alias/jamstack-artifacts", TestContext.Current);
        Assert.Equal("arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab", arn);
        var request = Assert.Single(server.Requests);
        Assert.Equal("TrentService.DescribeKey", request.Target);
        Assert.Equal(("eu-west-1", "kms"), request.Scope);
        Assert.Equal("alias/jamstack-artifacts", JsonDocument.Parse(request.BodyText).RootElement.GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task A_key_from_another_region_names_both_regions_and_the_fix()
    {
        using var server = new RecordingServer(_ => new CannedResponse(200, CannedAws.KeyMetadata("us-east-1"), "application/x-amz-json-1.1"));
        var error = await Assert.ThrowsAsync<AwsAccessException>(() =>
            TestSessions.For(server).CreateKms().ResolveKeyArnAsync("eu-west-1", "alias/jamstack-artifacts", TestContext.Current));
        Assert.Contains("us-east-1", error.Message);
        Assert.Contains("eu-west-1", error.Message);
        Assert.Contains("infra/environments.json", error.Message);
    }

    [Fact]
    public async Task A_configured_key_arn_of_another_region_is_refused_without_asking_kms()
    {
        using var server = new RecordingServer();
        var error = await Assert.ThrowsAsync<AwsAccessException>(() => TestSessions.For(server).CreateKms()
            .ResolveKeyArnAsync("eu-central-1", "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab", TestContext.Current));
        Assert.Contains("is in eu-west-1, but the artifact store is in eu-central-1", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_missing_key_is_named_with_its_region()
    {
        using var server = new RecordingServer(_ => new CannedResponse(400,
            """{"__type":"NotFoundException","message":"Alias arn:aws:kms:eu-west-1:222222222222:alias/nope is not found."}""", "application/x-amz-json-1.1"));
        var error = await Assert.ThrowsAsync<AwsApiException>(() =>
            TestSessions.For(server).CreateKms().ResolveKeyArnAsync("eu-west-1", "alias/nope", TestContext.Current));
        Assert.Equal("NotFoundException", error.Code);
        Assert.StartsWith("KMS key alias/nope not found in eu-west-1", error.Message);
        Assert.Single(server.Requests);
    }
}
