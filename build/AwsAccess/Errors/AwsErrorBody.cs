using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace AwsAccess;

/// <summary>
/// Reads an AWS error response: JSON protocols put the code in the x-amzn-ErrorType header or <c>__type</c>,
/// XML protocols in <c>&lt;Error&gt;&lt;Code&gt;</c> (possibly wrapped in ErrorResponse).
/// </summary>
public static class AwsErrorBody
{
    public static AwsApiException Parse(AwsCall call, HttpStatusCode status, string? errorTypeHeader, string? requestId, string body)
    {
        var (code, message) = TryJson(body) ?? TryXml(body) ?? (null, null);
        // As botocore: for REST-JSON the x-amzn-ErrorType header names the error; Lambda's body only says {"Type":"User"}.
        code = Clean(errorTypeHeader) ?? Clean(code) ?? StatusCode(status);
        return new AwsApiException(call, status, code, message ?? "", requestId);
    }

    private static (string?, string?)? TryJson(string body)
    {
        if (!body.TrimStart().StartsWith('{')) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            string? Read(params string[] names) =>
                names.Select(n => root.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                     .FirstOrDefault(v => v is not null);
            return (Read("__type", "code", "Code"), Read("message", "Message", "errorMessage"));
        }
        catch (JsonException) { return null; }
    }

    private static (string?, string?)? TryXml(string body)
    {
        if (!body.TrimStart().StartsWith('<')) return null;
        try
        {
            var error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            if (error is null) return null;
            string? Child(string name) => error.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            return (Child("Code"), Child("Message"));
        }
        catch (System.Xml.XmlException) { return null; }
    }

    /// <summary>"aws.protocoltests#ThrottlingException:http://..." → "ThrottlingException".</summary>
    private static string? Clean(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var value = code.Split(':')[0];
        var hash = value.LastIndexOf('#');
        return (hash >= 0 ? value[(hash + 1)..] : value).Trim();
    }

    private static string StatusCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "NotFound",
        HttpStatusCode.Forbidden => "AccessDenied",
        HttpStatusCode.TooManyRequests => "Throttling",
        _ => "Http" + (int)status,
    };
}
