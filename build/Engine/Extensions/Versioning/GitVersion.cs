using System.Text.Json.Serialization;

namespace BuildGraph.Extensions;

/// <summary>The version GitVersion computes for a commit (the subset of its JSON the build uses).</summary>
public sealed record GitVersion
{
    [JsonPropertyName("SemVer")] public required string SemVer { get; init; }
    [JsonPropertyName("FullSemVer")] public required string FullSemVer { get; init; }
    [JsonPropertyName("InformationalVersion")] public required string InformationalVersion { get; init; }
    [JsonPropertyName("MajorMinorPatch")] public required string MajorMinorPatch { get; init; }
    [JsonPropertyName("AssemblySemVer")] public string? AssemblySemVer { get; init; }
    [JsonPropertyName("PreReleaseTag")] public string? PreReleaseTag { get; init; }
    [JsonPropertyName("BranchName")] public string? BranchName { get; init; }
    [JsonPropertyName("Sha")] public string? Sha { get; init; }
    [JsonPropertyName("ShortSha")] public string? ShortSha { get; init; }
    [JsonPropertyName("CommitsSinceVersionSource")] public int? CommitsSinceVersionSource { get; init; }

    /// <summary>A version given by hand (a source without git history).</summary>
    public static GitVersion Explicit(string semVer, string? sha) => new()
    {
        SemVer = semVer,
        FullSemVer = semVer,
        MajorMinorPatch = semVer.Split('-', '+')[0],
        InformationalVersion = sha is null ? semVer : $"{semVer}+Sha.{sha}",
        Sha = sha,
        ShortSha = sha is { Length: >= 7 } ? sha[..7] : sha,
    };
}
