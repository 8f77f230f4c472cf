namespace BuildGraph;

/// <summary>Where the build runs: a developer's terminal, AWS CodeBuild, or another CI server.</summary>
public abstract record Host
{
    /// <summary>CODEBUILD_BUILD_ID means CodeBuild; CI, TF_BUILD or GITHUB_ACTIONS another CI server; else a terminal.</summary>
    public static Host Detect(IReadOnlyDictionary<string, string?> environment)
    {
        string? Variable(string name) =>
            environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

        if (Variable("CODEBUILD_BUILD_ID") is { } buildId)
        {
            return new CodeBuild(buildId)
            {
                ResolvedSourceVersion = Variable("CODEBUILD_RESOLVED_SOURCE_VERSION"),
                SourceVersion = Variable("CODEBUILD_SOURCE_VERSION"),
                WebhookHeadRef = Variable("CODEBUILD_WEBHOOK_HEAD_REF"),
                WebhookTrigger = Variable("CODEBUILD_WEBHOOK_TRIGGER"),
                SourceRepoUrl = Variable("CODEBUILD_SOURCE_REPO_URL"),
                InitiatorName = Variable("CODEBUILD_INITIATOR"),
            };
        }
        var ci = Variable("CI");
        if ((ci is not null && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0")
            || Variable("TF_BUILD") is not null || Variable("GITHUB_ACTIONS") is not null)
            return new GenericCI();
        return new Terminal();
    }
}

/// <summary>A developer's machine.</summary>
public sealed record Terminal : Host
{
    public override string ToString() => "Terminal";
}

/// <summary>A CI server other than CodeBuild (CI=true, TF_BUILD, GITHUB_ACTIONS).</summary>
public sealed record GenericCI : Host
{
    public override string ToString() => "CI";
}
