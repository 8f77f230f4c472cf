using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AwsAccess.Tests;

public sealed class S3ConnectionTests
{
    private static AwsSession Session(params (string, string)[] variables) =>
        AwsSession.FromCredentials(new BasicAWSCredentials("AKIA1", "s"), "eu-central-1",
            new SessionOptions { Environment = new AwsEnvironment(variables.ToDictionary(v => v.Item1, v => v.Item2)) });

    [Fact]
    public void A_local_http_endpoint_gets_path_style_and_unchunked_bodies()
    {
        using var s3 = Session(("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4569")).CreateS3("eu-west-1");
        var config = (AmazonS3Config)s3.Client.Config;
        Assert.True(config.ForcePathStyle);
        Assert.Equal("http://127.0.0.1:4569/", config.ServiceURL);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
        Assert.False(s3.UseChunkEncoding);
        Assert.False(s3.Prepare(new PutObjectRequest { BucketName = "bucket", Key = "k" }).UseChunkEncoding);
    }

    [Fact]
    public void Real_s3_keeps_the_sdks_regional_endpoint_and_chunked_uploads()
    {
        using var s3 = Session().CreateS3("eu-west-1");
        var config = (AmazonS3Config)s3.Client.Config;
        Assert.Null(config.ServiceURL);
        Assert.Equal("eu-west-1", config.RegionEndpoint.SystemName);
        Assert.False(config.ForcePathStyle);
        Assert.True(s3.UseChunkEncoding);
        Assert.Equal("eu-west-1", s3.Region);
    }
}
