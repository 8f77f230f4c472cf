using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Deploy.Site;

namespace Deploy.Releases;

/// <summary>Reads and writes the release catalogue and manifests in the site bucket (never served: _deploy/).</summary>
public sealed class ReleaseBucket(IAmazonS3 s3, bool useChunkEncoding, string bucket)
{
    public string Name => bucket;

    public async Task<ReleaseCatalogue> ReadCatalogueAsync(CancellationToken cancellationToken) =>
        await ReadAsync(ReleaseLayout.CatalogueKey, b => ReleaseCatalogue.FromJson(b), cancellationToken) ?? ReleaseCatalogue.Empty;

    public Task<ReleaseManifest?> ReadManifestAsync(int release, CancellationToken cancellationToken) =>
        ReadAsync(ReleaseLayout.ManifestKey(release), b => ReleaseManifest.FromJson(b), cancellationToken);

    public Task WriteCatalogueAsync(ReleaseCatalogue catalogue, CancellationToken cancellationToken) =>
        WriteAsync(ReleaseLayout.CatalogueKey, catalogue.ToJson(), cancellationToken);

    public Task WriteManifestAsync(ReleaseManifest manifest, CancellationToken cancellationToken) =>
        WriteAsync(ReleaseLayout.ManifestKey(manifest.Id), manifest.ToJson(), cancellationToken);

    async Task<T?> ReadAsync<T>(string key, Func<byte[], T> parse, CancellationToken cancellationToken) where T : class
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return parse(buffer.ToArray());
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            return null;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw new SiteBucketException($"site bucket '{bucket}' does not exist; fix: create it (infra/) or correct environments.<name>.site.bucket in infra/environments.json");
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new SiteBucketException($"access to site bucket '{bucket}' was denied reading {key} ({e.ErrorCode}); fix: deploy with the environment's deploy role, which may read and write the bucket");
        }
    }

    async Task WriteAsync(string key, byte[] json, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(json),
            ContentType = "application/json; charset=utf-8",
            UseChunkEncoding = useChunkEncoding,
        };
        request.Headers.CacheControl = "no-store";
        await s3.PutObjectAsync(request, cancellationToken);
    }
}
