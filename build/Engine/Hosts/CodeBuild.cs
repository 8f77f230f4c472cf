namespace BuildGraph;

/// <summary>AWS CodeBuild, recognised by CODEBUILD_BUILD_ID; the other values come from its CODEBUILD_* variables.</summary>
public sealed record CodeBuild(string BuildId) : Host
{
    /// <summary>CODEBUILD_RESOLVED_SOURCE_VERSION: the commit being built.</summary>
    public string? ResolvedSourceVersion { get; init; }

    /// <summary>CODEBUILD_SOURCE_VERSION: commit, branch ("refs/heads/x"), pull request or S3 object version.</summary>
    public string? SourceVersion { get; init; }

    /// <summary>CODEBUILD_WEBHOOK_HEAD_REF: e.g. "refs/heads/develop" for webhook builds.</summary>
    public string? WebhookHeadRef { get; init; }

    /// <summary>CODEBUILD_WEBHOOK_TRIGGER: e.g. "branch/develop".</summary>
    public string? WebhookTrigger { get; init; }

    /// <summary>CODEBUILD_SOURCE_REPO_URL.</summary>
    public string? SourceRepoUrl { get; init; }

    /// <summary>CODEBUILD_INITIATOR: e.g. "codepipeline/my-pipeline".</summary>
    public string? InitiatorName { get; init; }

    public override string ToString() => $"CodeBuild ({BuildId})";
}
