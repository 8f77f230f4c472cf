using System.Buffers;
using System.Security.Cryptography;

namespace Deploy.Site;

/// <summary>The ETags S3 can report for a file's bytes: the plain MD5, and for multipart uploads md5(concat(part MD5s))-N.</summary>
public sealed record FileETags(string Md5, string? Multipart)
{
    /// <summary>True when <paramref name="remoteETag"/> (quotes allowed) is one of the ETags these bytes can have.</summary>
    public bool Matches(string? remoteETag)
    {
        if (string.IsNullOrEmpty(remoteETag)) return false;
        var etag = remoteETag.Trim('"').ToLowerInvariant();
        return etag == Md5 || (Multipart is not null && etag == Multipart);
    }

    /// <summary>The ETag S3 will report after our upload (multipart above the threshold).</summary>
    public string Expected => Multipart ?? Md5;
}

/// <summary>
/// Hashes a file in one streaming pass. For files the uploader sends in parts it also hashes each part with the
/// uploader's part size, so the multipart ETag can be compared without downloading anything (which tools that
/// compare against a plain MD5 cannot: they re-upload large files every time).
/// </summary>
public static class ETags
{
    const int BufferSize = 1 << 16;

    public static async Task<FileETags> ComputeAsync(string path, MultipartSettings multipart, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var length = stream.Length;
        var usesParts = multipart.UsesParts(length);
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var part = usesParts ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        using var partDigests = usesParts ? new MemoryStream() : null;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long inPart = 0;
            var parts = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                whole.AppendData(buffer, 0, read);
                if (part is null) continue;
                var offset = 0;
                while (offset < read)
                {
                    var take = (int)Math.Min(read - offset, multipart.PartSize - inPart);
                    part.AppendData(buffer, offset, take);
                    offset += take;
                    inPart += take;
                    if (inPart == multipart.PartSize)
                    {
                        partDigests!.Write(part.GetHashAndReset());
                        parts++;
                        inPart = 0;
                    }
                }
            }
            if (part is not null && inPart > 0)
            {
                partDigests!.Write(part.GetHashAndReset());
                parts++;
            }
            var md5 = Convert.ToHexStringLower(whole.GetHashAndReset());
            var multipartETag = partDigests is null ? null : $"{Convert.ToHexStringLower(MD5.HashData(partDigests.ToArray()))}-{parts}";
            return new FileETags(md5, multipartETag);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>One setting shared by the ETag calculation and the uploader, so the two can never disagree.</summary>
public sealed record MultipartSettings(long Threshold, long PartSize)
{
    /// <summary>The AWS CLI's defaults (8 MiB threshold and part size), so its uploads compare equal too.</summary>
    public static MultipartSettings Default { get; } = new(8 * 1024 * 1024, 8 * 1024 * 1024);

    public bool UsesParts(long size) => size >= Threshold;

    public int PartCount(long size) => (int)Math.Max(1, (size + PartSize - 1) / PartSize);
}
