using BuildGraph;
using BuildGraph.Extensions;

namespace BuildTests;

/// <summary>GitVersion runs from the GitVersion.MsBuild package, also on CodeBuild's detached HEAD.</summary>
public sealed class VersionTests : IDisposable
{
    readonly TemporaryDirectory dir = new();

    [Fact]
    public async Task A_develop_checkout_gets_a_prerelease_version_with_its_commit()
    {
        var repo = GitCheckouts.Workstation(dir);
        var git = SourceRevision.Resolve(GitCli.Read(repo), new Dictionary<string, string?>());

        var version = await GitVersionTool.ComputeAsync(repo, git, explicitVersion: null, typeof(global::Build).Assembly);

        Assert.Equal("develop", version.BranchName);
        Assert.Matches(@"^\d+\.\d+\.\d+-alpha\.\d+$", version.SemVer);
        Assert.Equal(git.Commit, version.Sha);
    }

    [Fact]
    public async Task A_detached_codebuild_clone_is_versioned_as_the_branch_the_pipeline_names()
    {
        var clone = GitCheckouts.CodeBuildFullClone(dir, "develop");
        var git = SourceRevision.Resolve(GitCli.Read(clone), new Dictionary<string, string?> { ["BRANCH_NAME"] = "develop" });

        var version = await GitVersionTool.ComputeAsync(clone, git, explicitVersion: null, typeof(global::Build).Assembly);

        Assert.Equal("develop", version.BranchName);
        Assert.Contains("-alpha.", version.SemVer);
        Assert.Equal(git.Commit, version.Sha);
        // GitVersion's normalisation must not outlive the call: the next read must see CodeBuild's checkout.
        var after = GitCli.Read(clone);
        Assert.Null(after.HeadBranch);
        Assert.Equal("", Shell.Git(clone, "for-each-ref", "refs/heads"));
        Assert.Equal(git.Commit, after.Commit);
    }

    [Fact]
    public async Task A_tagged_master_commit_gets_the_release_version()
    {
        var repo = GitCheckouts.Workstation(dir);
        Shell.Git(repo, "checkout", "-q", "master");
        Shell.Git(repo, "tag", "1.2.0");
        var git = SourceRevision.Resolve(GitCli.Read(repo), new Dictionary<string, string?>());

        var version = await GitVersionTool.ComputeAsync(repo, git, explicitVersion: null, typeof(global::Build).Assembly);

        Assert.Equal(("master", "1.2.0"), (version.BranchName, version.SemVer));
    }

    [Fact]
    public void A_source_without_history_needs_an_explicit_version()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GitVersionTool.RequireExplicit(null, "abc1234"));
        Assert.Contains("--build-version", error.Message);

        var given = GitVersionTool.RequireExplicit("1.4.0-rc.2", "0123456789abcdef");
        Assert.Equal(("1.4.0-rc.2", "1.4.0", "1.4.0-rc.2+Sha.0123456789abcdef"), (given.SemVer, given.MajorMinorPatch, given.InformationalVersion));
    }

    [Fact]
    public void An_explicit_version_must_be_semantic()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GitVersionTool.RequireExplicit("v1.4", null));
        Assert.Contains("not a semantic version", error.Message);
    }

    [Fact]
    public void GitVersion_failures_show_the_reason_line()
    {
        string[] output = ["INFO something", "WARN [26-11-26] An error occurred:", "0 remote(s) have been detected.", "   at Foo()"];
        Assert.Equal("0 remote(s) have been detected.", GitVersionTool.LastErrorLine(output));
    }

    public void Dispose() => dir.Dispose();
}
