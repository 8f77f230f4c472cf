using Amazon.Runtime;

namespace AwsAccess;

/// <summary>Runs an AWS SDK call and maps its failures to <see cref="AwsApiException"/> / the no-credentials line.</summary>
internal static class SdkCall
{
    public static async Task<T> RunAsync<T>(AwsCall call, Func<Task<T>> action, ServiceEndpoint? endpoint = null)
    {
        try
        {
            return await action();
        }
        catch (AmazonServiceException error) when (error.StatusCode != 0 || !string.IsNullOrEmpty(error.ErrorCode))
        {
            throw AwsApiException.FromSdk(call, error);
        }
        catch (AmazonClientException error) when (IsMissingCredentials(error))
        {
            throw NoCredentials.Exception(error);
        }
        catch (Exception error) when (endpoint is not null && error is not AwsAccessException and not OperationCanceledException && EndpointUnreachable.IsConnectionFailure(error))
        {
            throw EndpointUnreachable.Exception(call, endpoint, error);
        }
    }

    public static bool IsMissingCredentials(Exception error) =>
        error.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase);
}
