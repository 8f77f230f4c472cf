using System.Text;

namespace AwsAccess.Tests;

/// <summary>A request as it arrived on the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The header names listed in SignedHeaders= of the Authorization header.</summary>
    public IReadOnlyList<string> SignedHeaders =>
        Authorization("SignedHeaders=")?.Split(';') ?? [];

    /// <summary>(region, service) of the SigV4 credential scope: Credential=AKID/date/region/service/aws4_request.</summary>
    public (string Region, string Service) Scope
    {
        get
        {
            var parts = (Authorization("Credential=") ?? "").Split('/');
            return parts.Length == 5 ? (parts[2], parts[3]) : ("", "");
        }
    }

    public string? AccessKey => (Authorization("Credential=") ?? "").Split('/')[0];

    /// <summary>The KMS/JSON-1.1 operation (X-Amz-Target) or the STS query Action.</summary>
    public string? Target => Header("x-amz-target");

    private string? Authorization(string field)
    {
        var header = Header("authorization");
        if (header is null) return null;
        var start = header.IndexOf(field, StringComparison.Ordinal);
        if (start < 0) return null;
        start += field.Length;
        var end = header.IndexOf(',', start);
        return (end < 0 ? header[start..] : header[start..end]).Trim();
    }
}
