namespace AwsAccess.Tests;

public sealed class EndpointResolverTests
{
    private static EndpointResolver With(params (string Name, string Value)[] variables) =>
        new(new AwsEnvironment(variables.ToDictionary(v => v.Name, v => v.Value)));

    [Theory]
    [InlineData("S3", "AWS_ENDPOINT_URL_S3")]
    [InlineData("STS", "AWS_ENDPOINT_URL_STS")]
    [InlineData("KMS", "AWS_ENDPOINT_URL_KMS")]
    [InlineData("Lambda", "AWS_ENDPOINT_URL_LAMBDA")]
    [InlineData("CloudFront", "AWS_ENDPOINT_URL_CLOUDFRONT")]
    public void Service_variables_follow_the_sdk_service_id_convention(string serviceId, string variable)
    {
        var service = new[] { AwsService.S3, AwsService.Sts, AwsService.Kms, AwsService.Lambda, AwsService.CloudFront }.Single(s => s.ServiceId == serviceId);
        Assert.Equal(variable, service.EndpointVariable);
    }

    [Fact]
    public void Service_specific_override_wins_over_the_generic_one()
    {
        var resolver = With(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9001"));
        var lambda = resolver.Resolve(AwsService.Lambda, "eu-west-1");
        var s3 = resolver.Resolve(AwsService.S3, "eu-west-1");
        Assert.Equal(new Uri("http://127.0.0.1:9001"), lambda.Url);
        Assert.Equal("AWS_ENDPOINT_URL_LAMBDA", lambda.Source);
        Assert.Equal(new Uri("http://127.0.0.1:4566"), s3.Url);
        Assert.Equal("AWS_ENDPOINT_URL", s3.Source);
        Assert.True(s3.IsOverridden);
        Assert.True(s3.IsPlainHttp);
        Assert.Equal("eu-west-1", s3.SigningRegion);
    }

    [Theory]
    [InlineData("S3", "eu-central-1", "https://s3.eu-central-1.amazonaws.com/")]
    [InlineData("STS", "eu-west-1", "https://sts.eu-west-1.amazonaws.com/")]
    [InlineData("KMS", "eu-west-1", "https://kms.eu-west-1.amazonaws.com/")]
    [InlineData("Lambda", "eu-central-1", "https://lambda.eu-central-1.amazonaws.com/")]
    [InlineData("Lambda", "cn-north-1", "https://lambda.cn-north-1.amazonaws.com.cn/")]
    public void Without_overrides_the_real_regional_endpoint_is_used(string serviceId, string region, string expected)
    {
        var service = new[] { AwsService.S3, AwsService.Sts, AwsService.Kms, AwsService.Lambda }.Single(s => s.ServiceId == serviceId);
        var endpoint = With().Resolve(service, region);
        Assert.Equal(expected, endpoint.Url.ToString());
        Assert.Equal(region, endpoint.SigningRegion);
        Assert.False(endpoint.IsOverridden);
    }

    [Fact]
    public void CloudFront_is_global_and_signed_for_us_east_1_even_when_overridden()
    {
        var real = With().Resolve(AwsService.CloudFront, "eu-central-1");
        Assert.Equal("https://cloudfront.amazonaws.com/", real.Url.ToString());
        Assert.Equal("us-east-1", real.SigningRegion);
        var local = With(("AWS_ENDPOINT_URL_CLOUDFRONT", "http://localhost:4566")).Resolve(AwsService.CloudFront, "eu-central-1");
        Assert.Equal("http://localhost:4566/", local.Url.ToString());
        Assert.Equal("us-east-1", local.SigningRegion);
    }

    [Fact]
    public void Blank_variables_count_as_unset()
    {
        var endpoint = With(("AWS_ENDPOINT_URL", "  "), ("AWS_ENDPOINT_URL_S3", "")).Resolve(AwsService.S3, "eu-west-1");
        Assert.False(endpoint.IsOverridden);
    }

    [Theory]
    [InlineData("localhost:4566")]
    [InlineData("ftp://example.com")]
    [InlineData("http://127.0.0.1:4566/?x=1")]
    public void A_malformed_override_is_a_one_line_error_naming_the_variable(string value)
    {
        var error = Assert.Throws<AwsAccessException>(() => With(("AWS_ENDPOINT_URL_S3", value)).Resolve(AwsService.S3, "eu-west-1"));
        Assert.Contains("AWS_ENDPOINT_URL_S3", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Europe")]
    [InlineData("eu-central-1.evil.com/")]
    public void Region_names_are_checked_before_they_reach_a_host_name(string region)
    {
        var error = Assert.Throws<AwsAccessException>(() => With().Resolve(AwsService.Lambda, region));
        Assert.Contains("region", error.Message);
    }
}
