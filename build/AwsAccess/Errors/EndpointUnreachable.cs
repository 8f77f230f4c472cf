using System.Net.Sockets;

namespace AwsAccess;

/// <summary>
/// A call whose endpoint refused the connection or could not be resolved: one line naming the service, the call, the URL
/// and what chose that URL (the AWS_ENDPOINT_URL* variable, or AWS's own endpoint).
/// </summary>
public static class EndpointUnreachable
{
    public static AwsAccessException Exception(AwsCall call, ServiceEndpoint endpoint, Exception error)
    {
        var cause = Cause(error)?.Message ?? error.Message;
        var fix = endpoint.IsOverridden
            ? $"{endpoint.Source} set this endpoint: start what should answer there, or fix or unset {endpoint.Source}"
            : "check the network (and any proxy), then run again";
        return new AwsAccessException($"Cannot reach {call.Service} at {endpoint.Url} for {call.Operation} in {call.Region} ({OneLine(cause)}): {fix}.", error);
    }

    /// <summary>Whether the failure is the connection itself (refused, reset, unknown host), not an answer of the service.</summary>
    public static bool IsConnectionFailure(Exception error) => Cause(error) is not null;

    static Exception? Cause(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            if (e is SocketException or HttpRequestException { InnerException: null or SocketException or IOException })
                return e is HttpRequestException { InnerException: SocketException socket } ? socket : e;
        return null;
    }

    static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim().TrimEnd('.');
}
