namespace AwsAccess;

/// <summary>The parts of Lambda's FunctionConfiguration a deploy reads (field names as on the wire).</summary>
public sealed record FunctionConfiguration
{
    public string FunctionName { get; init; } = "";
    public string? FunctionArn { get; init; }
    public string? Runtime { get; init; }
    public string? Handler { get; init; }
    public long CodeSize { get; init; }

    /// <summary>Base64 SHA-256 of the deployment package; equals the manifest's codeSha256 when the code is the same.</summary>
    public string CodeSha256 { get; init; } = "";

    public string Version { get; init; } = "";
    public string? Description { get; init; }
    public string? State { get; init; }
    public string? StateReason { get; init; }
    public string? StateReasonCode { get; init; }
    public string? LastUpdateStatus { get; init; }
    public string? LastUpdateStatusReason { get; init; }
    public string? LastUpdateStatusReasonCode { get; init; }
    public string? RevisionId { get; init; }
}

/// <summary>A Lambda alias (field names as on the wire).</summary>
public sealed record FunctionAlias
{
    public string Name { get; init; } = "";
    public string? AliasArn { get; init; }
    public string FunctionVersion { get; init; } = "";
    public string? Description { get; init; }
    public string? RevisionId { get; init; }
}

/// <summary>Where Lambda fetches a new deployment package from.</summary>
/// <remarks><paramref name="ObjectVersion"/>: the object version to take (S3ObjectVersion), so a later write to the same key cannot change what is deployed; null for an unversioned bucket.</remarks>
public sealed record S3CodeLocation(string Bucket, string Key, string? ObjectVersion = null);
