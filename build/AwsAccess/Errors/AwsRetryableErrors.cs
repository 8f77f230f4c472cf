using System.Net;

namespace AwsAccess;

/// <summary>Which AWS errors are worth another attempt: throttling, server faults and timeouts (as the SDKs' standard retry mode).</summary>
public static class AwsRetryableErrors
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure",
        "ServiceUnavailable", "ServiceException", "IDPCommunicationError",
    };

    public static bool IsRetryable(HttpStatusCode status, string code) =>
        TransientCodes.Contains(code) || (int)status >= 500 || status == HttpStatusCode.TooManyRequests;
}
