namespace AwsAccess;

/// <summary>A CloudFront invalidation as the API reports it.</summary>
public sealed record Invalidation(string Id, string Status, DateTimeOffset? CreateTime, IReadOnlyList<string> Paths, string CallerReference)
{
    public bool IsCompleted => Status == "Completed";
}

/// <summary>What a deploy needs to know of a distribution: that it exists, and its state.</summary>
public sealed record DistributionInfo(string Id, string Status, string DomainName, string? ETag);
