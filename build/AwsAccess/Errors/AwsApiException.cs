using System.Net;

namespace AwsAccess;

/// <summary>An error response from an AWS API, with the parsed code and message and a one-line advice text.</summary>
public sealed class AwsApiException : AwsAccessException
{
    public AwsApiException(AwsCall call, HttpStatusCode statusCode, string code, string awsMessage, string? requestId = null, Exception? inner = null)
        : base(AwsErrorAdvice.Describe(call, statusCode, code, awsMessage), inner)
    {
        Call = call;
        StatusCode = statusCode;
        Code = code;
        AwsMessage = awsMessage;
        RequestId = requestId;
    }

    public AwsCall Call { get; }
    public string Service => Call.Service;
    public string Operation => Call.Operation;
    public HttpStatusCode StatusCode { get; }
    public string Code { get; }
    public string AwsMessage { get; }
    public string? RequestId { get; }

    public bool IsRetryable => AwsRetryableErrors.IsRetryable(StatusCode, Code);

    /// <summary>Maps an AWS SDK exception (STS, KMS, S3) into the same shape as our own clients' errors.</summary>
    public static AwsApiException FromSdk(AwsCall call, Amazon.Runtime.AmazonServiceException error) =>
        new(call, error.StatusCode, string.IsNullOrEmpty(error.ErrorCode) ? error.StatusCode.ToString() : error.ErrorCode,
            error.Message ?? "", error.RequestId, error);
}
