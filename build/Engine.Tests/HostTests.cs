namespace BuildGraph.Tests;

public class HostTests
{
    [Fact]
    public void CodeBuild_is_recognised_by_its_build_id_and_reads_its_variables()
    {
        var host = Host.Detect(new Dictionary<string, string?>
        {
            ["CODEBUILD_BUILD_ID"] = "site:1234",
            ["CODEBUILD_RESOLVED_SOURCE_VERSION"] = "abc123",
            ["CODEBUILD_WEBHOOK_HEAD_REF"] = "refs/heads/develop",
            ["CODEBUILD_INITIATOR"] = "codepipeline/site",
            ["CI"] = "true",
        });

        var codeBuild = Assert.IsType<CodeBuild>(host);
        Assert.Equal("site:1234", codeBuild.BuildId);
        Assert.Equal("abc123", codeBuild.ResolvedSourceVersion);
        Assert.Equal("refs/heads/develop", codeBuild.WebhookHeadRef);
        Assert.Equal("codepipeline/site", codeBuild.InitiatorName);
        Assert.Null(codeBuild.SourceVersion);
    }

    [Theory]
    [InlineData("CI", "true")]
    [InlineData("GITHUB_ACTIONS", "true")]
    [InlineData("TF_BUILD", "True")]
    public void Other_CI_servers_are_GenericCI(string variable, string value) =>
        Assert.IsType<GenericCI>(Host.Detect(new Dictionary<string, string?> { [variable] = value }));

    [Fact]
    public void Without_CI_variables_it_is_a_terminal()
    {
        Assert.IsType<Terminal>(Host.Detect(new Dictionary<string, string?> { ["CI"] = "false" }));
        Assert.IsType<Terminal>(Host.Detect(new Dictionary<string, string?>()));
    }

    class HostAware : NukeBuild
    {
        public bool SawServer;
        Target Check => _ => _.Executes(() => SawServer = IsServerBuild);
    }

    [Fact]
    public async Task The_build_sees_its_host()
    {
        using var root = new TestRoot();
        var result = await BuildHarness.RunAsync<HostAware>(root, ["Check"], new Dictionary<string, string?> { ["CODEBUILD_BUILD_ID"] = "x" });

        Assert.True(((HostAware)result.Report.Build!).SawServer);
        Assert.IsType<CodeBuild>(result.Report.Build!.Host);
    }
}
