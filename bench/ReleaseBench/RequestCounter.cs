using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;

namespace ReleaseBench;

/// <summary>Counts the S3 requests a deploy sends, by operation (PutObjectRequest → PutObject).</summary>
sealed class RequestCounter
{
    public ConcurrentDictionary<string, int> ByOperation { get; } = new();

    public void Attach(IAmazonS3 s3) => ((AmazonS3Client)s3).BeforeRequestEvent += (_, args) =>
    {
        if (args is WebServiceRequestEventArgs web)
            ByOperation.AddOrUpdate(web.Request.GetType().Name.Replace("Request", ""), 1, (_, n) => n + 1);
    };

    public int Total => ByOperation.Values.Sum();

    public override string ToString() => string.Join(", ", ByOperation.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"));
}
