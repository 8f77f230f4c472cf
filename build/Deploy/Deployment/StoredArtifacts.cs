using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Deploy.Environments;

namespace Deploy.Deployment;

/// <summary>A stored artifact of one version: where it is.</summary>
public sealed record StoredZip(string Name, string Version, string Region, string Bucket, string Key);

/// <summary>
/// Finds and fetches a previous version's artifacts in the regional stores (for rollback): keys are
/// &lt;project&gt;/&lt;name&gt;/&lt;version&gt;/&lt;name&gt;-&lt;hash&gt;.zip, so a version is a prefix.
/// </summary>
public sealed class StoredArtifacts(EnvironmentsFile file, string environmentName, Func<string, IAmazonS3> s3ForRegion)
{
    readonly StoreRouting routing = new(file, environmentName);

    public async Task<StoredZip> FindAsync(ArtifactKind kind, string name, string version, CancellationToken cancellationToken)
    {
        var any = routing.Route(version, new ArtifactRef(name, kind, "0"));
        var prefix = routing.PrefixFor(version, name);
        ListObjectsV2Response listing;
        try
        {
            listing = await s3ForRegion(any.Region).ListObjectsV2Async(new ListObjectsV2Request { BucketName = any.Bucket, Prefix = prefix }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket" || e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StoredArtifactException($"artifact bucket '{any.Bucket}' ({any.Region}) does not exist; fix: create the artifact store (infra/) or correct artifactStores in infra/environments.json");
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "AccessDenied")
        {
            throw new StoredArtifactException($"listing s3://{any.Bucket}/{prefix} was refused ({e.Message.TrimEnd('.')}); fix: the deploy role needs s3:ListBucket on the store, in its policy (infra/modules/deploy-role) and in the store's bucket policy (infra/modules/artifact-store)");
        }
        // Several builds of one version (rebuilt with other bytes): the latest is what that version last shipped.
        var newest = (listing.S3Objects ?? []).Where(o => o.Key.EndsWith(".zip", StringComparison.Ordinal)).MaxBy(o => o.LastModified)
            ?? throw new StoredArtifactException($"no '{name}' artifact of version {version} in s3://{any.Bucket}/{prefix}; fix: pick a version that was deployed (--version)");
        return new StoredZip(name, version, any.Region, any.Bucket, newest.Key);
    }

    public async Task DownloadAsync(StoredZip artifact, string path, CancellationToken cancellationToken)
    {
        using var response = await s3ForRegion(artifact.Region).GetObjectAsync(artifact.Bucket, artifact.Key, cancellationToken);
        await using var output = File.Create(path);
        await response.ResponseStream.CopyToAsync(output, cancellationToken);
    }
}

public sealed class StoredArtifactException(string message) : Exception(message);
