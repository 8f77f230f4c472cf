using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace AwsAccess;

/// <summary>A request as SigV4A sees it: the path as sent (labels escaped), decoded query pairs, headers, body.</summary>
public sealed record SignableRequest(HttpMethod Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body = null)
{
    public string Host => Url.IsDefaultPort ? Url.Host : $"{Url.Host}:{Url.Port}";

    /// <summary>The path exactly as it goes on the wire (Uri.AbsolutePath would unescape %2F in a label).</summary>
    public string RawPath => Url.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped) is { Length: > 0 } p ? p : "/";

    public IEnumerable<KeyValuePair<string, string>> Query =>
        Url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var eq = part.IndexOf('=');
            return eq < 0 ? KeyValuePair.Create(Uri.UnescapeDataString(part), "")
                : KeyValuePair.Create(Uri.UnescapeDataString(part[..eq]), Uri.UnescapeDataString(part[(eq + 1)..]));
        });
}

/// <summary>
/// AWS Signature Version 4A (AWS4-ECDSA-P256-SHA256): SigV4's canonical request with an X-Amz-Region-Set header,
/// a credential scope without a region, and an ECDSA P-256 signature (DER, hex) by the key <see cref="SigV4aKey"/>
/// derives from the secret. Used for the CloudFront KeyValueStore data plane, which accepts nothing else.
/// </summary>
public static class SigV4aSigner
{
    /// <summary>The headers to add to <paramref name="request"/>: X-Amz-Date, X-Amz-Region-Set, X-Amz-Content-Sha256, the token, Authorization.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(SignableRequest request, ImmutableCredentials credentials, string service, string regionSet, DateTimeOffset signedAt)
    {
        var longDate = signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var payloadHash = CanonicalRequest.Sha256Hex(request.Body ?? []);
        var added = new List<KeyValuePair<string, string>>
        {
            new("X-Amz-Date", longDate),
            new("X-Amz-Region-Set", regionSet),
            new("X-Amz-Content-Sha256", payloadHash),
        };
        if (!string.IsNullOrEmpty(credentials.Token)) added.Add(new("X-Amz-Security-Token", credentials.Token));

        var signed = CanonicalRequest.Canonicalize([new("Host", request.Host), .. request.Headers, .. added]);
        var scope = Scope(longDate, service);
        var stringToSign = StringToSign(longDate, scope, CanonicalRequest.Build(request.Method.Method, request.RawPath, request.Query, signed, payloadHash));
        using var key = SigV4aKey.Derive(credentials.AccessKey, credentials.SecretKey);
        var signature = key.SignData(Encoding.UTF8.GetBytes(stringToSign), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        added.Add(new("Authorization",
            $"{SigV4aKey.Algorithm} Credential={credentials.AccessKey}/{scope}, SignedHeaders={CanonicalRequest.SignedHeaderList(signed)}, Signature={Convert.ToHexStringLower(signature)}"));
        return added;
    }

    /// <summary>
    /// Checks a received SigV4A request (its headers include Authorization and every header it signed) against the
    /// key derived from <paramref name="secretAccessKey"/>: true when the signature verifies over the request as received.
    /// </summary>
    public static bool Verify(SignableRequest received, string secretAccessKey)
    {
        var header = received.Headers.FirstOrDefault(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value
            ?? throw new AwsAccessException("The request has no Authorization header: sign it with SigV4A first.");
        var authorization = SigV4aAuthorization.Parse(header);
        var byName = received.Headers.Where(h => !h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            .Append(new("Host", received.Host))
            .GroupBy(h => h.Key.ToLowerInvariant()).ToDictionary(g => g.Key, g => string.Join(',', g.Select(h => h.Value)));
        var signed = CanonicalRequest.Canonicalize(authorization.SignedHeaders.Select(name => KeyValuePair.Create(name, byName.GetValueOrDefault(name, ""))));
        var longDate = byName.GetValueOrDefault("x-amz-date", "");
        var bodyHash = CanonicalRequest.Sha256Hex(received.Body ?? []);
        var payloadHash = byName.GetValueOrDefault("x-amz-content-sha256") ?? bodyHash;
        // As AWS does: the signature covers the declared payload hash, and the body must have that hash.
        if (payloadHash != bodyHash) return false;
        var stringToSign = StringToSign(longDate, authorization.Scope, CanonicalRequest.Build(received.Method.Method, received.RawPath, received.Query, signed, payloadHash));
        using var key = SigV4aKey.Derive(authorization.AccessKeyId, secretAccessKey);
        return key.VerifyData(Encoding.UTF8.GetBytes(stringToSign), Convert.FromHexString(authorization.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>SigV4A's scope has no region: the region set travels in its own signed header.</summary>
    private static string Scope(string longDate, string service) => $"{longDate[..8]}/{service}/aws4_request";

    private static string StringToSign(string longDate, string scope, string canonicalRequest) =>
        $"{SigV4aKey.Algorithm}\n{longDate}\n{scope}\n{CanonicalRequest.Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest))}";
}

/// <summary>The parts of an AWS4-ECDSA-P256-SHA256 Authorization header.</summary>
internal sealed record SigV4aAuthorization(string AccessKeyId, string Scope, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public static SigV4aAuthorization Parse(string header)
    {
        if (!header.StartsWith(SigV4aKey.Algorithm + " ", StringComparison.Ordinal))
            throw new AwsAccessException($"Authorization is not {SigV4aKey.Algorithm}: the request was not signed with SigV4A.");
        var fields = header[(SigV4aKey.Algorithm.Length + 1)..].Split(',').Select(p => p.Trim().Split('=', 2))
            .Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var names) || !fields.TryGetValue("Signature", out var signature))
            throw new AwsAccessException("Authorization lacks Credential, SignedHeaders or Signature: it is not a SigV4A header.");
        var slash = credential.IndexOf('/');
        return new SigV4aAuthorization(credential[..slash], credential[(slash + 1)..], names.Split(';'), signature);
    }
}
