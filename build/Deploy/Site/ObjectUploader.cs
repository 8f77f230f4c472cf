using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Deploy.Site;

/// <summary>
/// Streams one file into the bucket with its headers. Above the multipart threshold it uploads parts of exactly the
/// size the ETag calculation used, so the next deploy's comparison sees the same ETag.
/// </summary>
public sealed class ObjectUploader(IAmazonS3 s3, bool useChunkEncoding, MultipartSettings multipart)
{
    /// <returns>The ETag S3 reports for the stored object (quotes stripped).</returns>
    public async Task<string> UploadAsync(string bucket, Upload upload, CancellationToken cancellationToken)
    {
        if (multipart.UsesParts(upload.Size))
            return await UploadInPartsAsync(bucket, upload, cancellationToken);

        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = upload.Key,
            FilePath = upload.LocalPath,
            ContentType = upload.ContentType,
            // The server checks the bytes against the MD5 we hashed: a file changed mid-deploy fails instead of landing.
            MD5Digest = Convert.ToBase64String(Convert.FromHexString(upload.ETags.Md5)),
            UseChunkEncoding = useChunkEncoding,
        };
        request.Headers.CacheControl = upload.CacheControl;
        var response = await s3.PutObjectAsync(request, cancellationToken);
        return response.ETag.Trim('"');
    }

    async Task<string> UploadInPartsAsync(string bucket, Upload upload, CancellationToken cancellationToken)
    {
        var start = new InitiateMultipartUploadRequest { BucketName = bucket, Key = upload.Key, ContentType = upload.ContentType };
        start.Headers.CacheControl = upload.CacheControl;
        var uploadId = (await s3.InitiateMultipartUploadAsync(start, cancellationToken)).UploadId;
        try
        {
            var parts = new List<PartETag>();
            var count = multipart.PartCount(upload.Size);
            for (var i = 0; i < count; i++)
            {
                var position = i * multipart.PartSize;
                var part = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket,
                    Key = upload.Key,
                    UploadId = uploadId,
                    PartNumber = i + 1,
                    FilePath = upload.LocalPath,
                    FilePosition = position,
                    PartSize = Math.Min(multipart.PartSize, upload.Size - position),
                    UseChunkEncoding = useChunkEncoding,
                }, cancellationToken);
                parts.Add(new PartETag(i + 1, part.ETag));
            }
            var done = await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket,
                Key = upload.Key,
                UploadId = uploadId,
                PartETags = parts,
            }, cancellationToken);
            return done.ETag.Trim('"');
        }
        catch
        {
            // Unfinished parts cost storage until aborted; the deploy is failing anyway, so do not wait on the caller's token.
            try { await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = upload.Key, UploadId = uploadId }, CancellationToken.None); }
            catch (AmazonServiceException) { }
            throw;
        }
    }
}
