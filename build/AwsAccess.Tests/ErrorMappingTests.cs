using System.Net;

namespace AwsAccess.Tests;

public sealed class ErrorMappingTests
{
    private static readonly AwsCall LambdaCall = new("lambda", "GetFunctionConfiguration", "eu-west-1", "jamstack-dev-mail-forwarder");

    [Fact]
    public void Json_errors_take_the_code_from___type_without_its_namespace()
    {
        var error = AwsErrorBody.Parse(LambdaCall, HttpStatusCode.NotFound, null, "req-1",
            """{"__type":"com.amazonaws.lambda#ResourceNotFoundException","message":"Function not found: arn:aws:lambda:eu-west-1:333333333333:function:jamstack-dev-mail-forwarder"}""");
        Assert.Equal("ResourceNotFoundException", error.Code);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("lambda", error.Service);
        Assert.Equal("GetFunctionConfiguration", error.Operation);
        Assert.Equal("req-1", error.RequestId);
        Assert.StartsWith("Function not found", error.AwsMessage);
        Assert.StartsWith("Lambda function jamstack-dev-mail-forwarder not found in eu-west-1", error.Message);
        Assert.Contains("infra/environments.json", error.Message);
    }

    [Fact]
    public void The_error_type_header_is_used_when_the_body_has_none()
    {
        var error = AwsErrorBody.Parse(LambdaCall, HttpStatusCode.TooManyRequests, "TooManyRequestsException:http://internal.amazon.com/", null, """{"Reason":"CallerRateLimitExceeded"}""");
        Assert.Equal("TooManyRequestsException", error.Code);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void Xml_errors_are_read_plain_and_wrapped_in_ErrorResponse()
    {
        var s3 = AwsErrorBody.Parse(new AwsCall("s3", "PutObject", "eu-west-1", "jamstack-artifacts-x"), HttpStatusCode.NotFound, null, null,
            "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>jamstack-artifacts-x</BucketName></Error>");
        Assert.Equal("NoSuchBucket", s3.Code);
        Assert.StartsWith("S3 bucket jamstack-artifacts-x does not exist in eu-west-1", s3.Message);

        var cloudFront = AwsErrorBody.Parse(new AwsCall("cloudfront", "CreateInvalidation", "global", "E1NOPE"), HttpStatusCode.NotFound, null, null,
            """<?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type><Code>NoSuchDistribution</Code><Message>The specified distribution does not exist.</Message></Error><RequestId>x</RequestId></ErrorResponse>""");
        Assert.Equal("NoSuchDistribution", cloudFront.Code);
        Assert.StartsWith("CloudFront distribution E1NOPE does not exist: fix site.distributionId in infra/environments.json", cloudFront.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied")]
    [InlineData(HttpStatusCode.NotFound, "NotFound")]
    [InlineData(HttpStatusCode.BadGateway, "Http502")]
    public void An_empty_or_unreadable_body_falls_back_to_the_status(HttpStatusCode status, string code)
    {
        Assert.Equal(code, AwsErrorBody.Parse(LambdaCall, status, null, null, "").Code);
        Assert.Equal(code, AwsErrorBody.Parse(LambdaCall, status, null, null, "<html><body>gateway").Code);
    }

    [Theory]
    [InlineData("ExpiredToken", "have expired")]
    [InlineData("ExpiredTokenException", "have expired")]
    [InlineData("UnrecognizedClientException", "rejected the credentials")]
    [InlineData("AccessDeniedException", "grant the calling role lambda:GetFunctionConfiguration")]
    [InlineData("ValidationException", "was refused")]
    public void Every_advice_is_one_line_with_the_detail(string code, string advice)
    {
        var error = new AwsApiException(LambdaCall, HttpStatusCode.BadRequest, code, "Something\nwent wrong.");
        Assert.Contains(advice, error.Message);
        Assert.Contains($"lambda GetFunctionConfiguration in eu-west-1: 400 {code}: Something went wrong", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_missing_KeyValueStore_names_the_setting_to_fix()
    {
        var call = new AwsCall("cloudfront-keyvaluestore", "DescribeKeyValueStore", "global", "arn:aws:cloudfront::123456789012:key-value-store/x");
        var error = new AwsApiException(call, HttpStatusCode.NotFound, "ResourceNotFoundException", "Resource was not found.");
        Assert.Contains("fix site.keyValueStoreArn in infra/environments.json", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Access_denied_advice_names_the_IAM_action_AWS_names()
    {
        var call = new AwsCall("s3", "ListObjectsV2", "eu-central-1", "jamstack-artifacts");
        var error = new AwsApiException(call, HttpStatusCode.Forbidden, "AccessDenied",
            "User: arn:aws:sts::1:assumed-role/jamstack-deploy/x is not authorized to perform: s3:ListBucket on resource: \"arn:aws:s3:::jamstack-artifacts\"");
        Assert.Contains("grant the calling role s3:ListBucket on it", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", true)]
    [InlineData(HttpStatusCode.BadRequest, "ThrottlingException", true)]
    [InlineData(HttpStatusCode.BadRequest, "Throttling", true)]
    [InlineData(HttpStatusCode.InternalServerError, "ServiceException", true)]
    [InlineData(HttpStatusCode.BadRequest, "ValidationException", false)]
    [InlineData(HttpStatusCode.Conflict, "ResourceConflictException", false)]
    [InlineData(HttpStatusCode.PreconditionFailed, "PreconditionFailedException", false)]
    public void Throttling_and_server_faults_are_retryable_client_faults_are_not(HttpStatusCode status, string code, bool retryable)
    {
        Assert.Equal(retryable, AwsRetryableErrors.IsRetryable(status, code));
    }
}
