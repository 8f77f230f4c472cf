using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deploy.Site;

/// <summary>
/// What the last deploy left in the bucket, written last (so a half-done deploy leaves the previous state): per key the
/// headers we set, the ETag S3 returned with the MD5 of the bytes we sent (so even KMS-encrypted buckets, whose ETags are
/// not MD5s, compare by content), and when the key stopped being part of the site (for the hashed-asset grace period).
/// </summary>
public sealed record DeployState(
    string DeployId,
    DateTimeOffset DeployedAt,
    string? PreviousDeployId,
    IReadOnlyDictionary<string, ObjectState> Objects)
{
    public const string Prefix = "_deploy/";
    public const string Key = Prefix + "state.json";

    /// <summary>The version the site was deployed as (null in states written before versions were recorded).</summary>
    public string? Version { get; init; }

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>A state object that cannot be read is treated as absent: the sync then falls back to HeadObject.</summary>
    public static DeployState? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<DeployState>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The state object's bytes: the JSON, gzipped. The JSON repeats its names and headers on every key, so gzip takes
    /// it to a fraction (what every deploy writes and reads back); gzip rather than a format of our own keeps it
    /// readable with standard tools (<c>aws s3 cp … - | gunzip</c>).
    /// </summary>
    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, this, Json);
        return buffer.ToArray();
    }

    /// <summary>Reads what <see cref="Encode"/> wrote and the plain JSON that deploys before it wrote.</summary>
    public static DeployState? Decode(byte[] bytes)
    {
        if (!IsGzip(bytes)) return FromJson(bytes);
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            return JsonSerializer.Deserialize<DeployState>(gzip, Json);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return null;
        }
    }

    // A JSON text never starts with these bytes (RFC 1952's magic number).
    static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

/// <param name="ETag">The ETag S3 reported for the object we wrote (quotes stripped).</param>
/// <param name="Md5">The MD5 (hex) of the bytes we wrote.</param>
/// <param name="DeployId">The last deploy the key was part of the site in.</param>
/// <param name="RemovedAt">When the key stopped being part of the site; null while it is.</param>
public sealed record ObjectState(
    string ETag,
    string Md5,
    string ContentType,
    string CacheControl,
    string DeployId,
    DateTimeOffset? RemovedAt = null);
