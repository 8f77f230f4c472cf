using BuildGraph;
using BuildGraph.Extensions;

namespace BuildTests;

/// <summary>Branch and commit come from git locally and from the pipeline's variables in CodeBuild.</summary>
public sealed class BranchTests : IDisposable
{
    readonly TemporaryDirectory dir = new();
    static readonly Dictionary<string, string?> NoVariables = [];

    [Fact]
    public void A_workstation_clone_names_its_branch_and_cleanliness()
    {
        var repo = GitCheckouts.Workstation(dir);

        var git = SourceRevision.Resolve(GitCli.Read(repo), NoVariables);
        Assert.Equal(("develop", BranchSource.Git, false, true), (git.Branch, git.Source, git.IsDetached, git.IsClean));
        Assert.Equal(Shell.Git(repo, "rev-parse", "HEAD"), git.Commit);

        File.WriteAllText(Path.Combine(repo, "untracked.txt"), "x");
        Assert.False(SourceRevision.Resolve(GitCli.Read(repo), NoVariables).IsClean);
    }

    [Fact]
    public void A_codebuild_full_clone_on_a_detached_head_takes_the_branch_from_BRANCH_NAME()
    {
        var clone = GitCheckouts.CodeBuildFullClone(dir, "develop");
        var facts = GitCli.Read(clone);
        Assert.Null(facts.HeadBranch);

        var git = SourceRevision.Resolve(facts, new Dictionary<string, string?> { ["BRANCH_NAME"] = "develop", ["CODEBUILD_BUILD_ID"] = "b:1" });
        Assert.Equal(("develop", BranchSource.PipelineVariable, true), (git.Branch, git.Source, git.IsDetached));
        Assert.Equal(Shell.Git(clone, "rev-parse", "HEAD"), git.Commit);
    }

    // What CodeBuild sets when CodePipeline runs it on a full clone (CODEBUILD_CLONE_REF), per source: the pipeline
    // passes BranchName/CommitId as BRANCH_NAME/COMMIT_ID (infra/modules/pipeline) for both;
    // CODEBUILD_RESOLVED_SOURCE_VERSION is the revision CodePipeline provides (the commit), CODEBUILD_SOURCE_VERSION
    // the input artifact's S3 location (never a refs/heads/ name), and the repository URL differs.
    [Theory]
    [InlineData("CodeCommit", "develop", "https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/jamstack")]
    [InlineData("CodeStarSourceConnection", "master", "https://github.com/example/jamstack.git")]
    public void A_pipeline_full_clone_from_either_source_takes_branch_and_commit_from_its_variables(string source, string branch, string repositoryUrl)
    {
        var clone = GitCheckouts.CodeBuildFullClone(dir, branch);
        var head = Shell.Git(clone, "rev-parse", "HEAD");
        // Two branches at the same commit, as after a merge: git alone cannot tell which one this build is for.
        Shell.Git(clone, "branch", "-f", "release", head);
        Shell.Git(clone, "branch", "-f", "hotfix", head);
        var variables = new Dictionary<string, string?>
        {
            ["CODEBUILD_BUILD_ID"] = "jamstack-deploy:1",
            ["CODEBUILD_INITIATOR"] = $"codepipeline/jamstack-{branch}",
            ["CODEBUILD_RESOLVED_SOURCE_VERSION"] = head,
            ["CODEBUILD_SOURCE_VERSION"] = $"arn:aws:s3:::jamstack-artifacts-222222222222-eu-central-1/jamstack-{branch}/source/{source}.zip",
            ["CODEBUILD_SOURCE_REPO_URL"] = repositoryUrl,
            ["BRANCH_NAME"] = branch,
            ["COMMIT_ID"] = head,
        };

        var git = SourceRevision.Resolve(GitCli.Read(clone), variables);
        Assert.Equal((branch, head, true, BranchSource.PipelineVariable), (git.Branch, git.Commit, git.IsDetached, git.Source));
        var host = Assert.IsType<CodeBuild>(Host.Detect(variables));
        Assert.Equal(head, host.ResolvedSourceVersion);

        // Without the pipeline's variables the S3 location is not taken for a branch: the error says what to set.
        var withoutBranch = new Dictionary<string, string?>(variables) { ["BRANCH_NAME"] = null };
        var error = Assert.Throws<InvalidOperationException>(() => SourceRevision.Resolve(GitCli.Read(clone), withoutBranch));
        Assert.Contains("Set BRANCH_NAME", error.Message);
    }

    [Fact]
    public void A_detached_head_with_one_branch_at_it_and_no_variables_takes_that_branch()
    {
        var clone = GitCheckouts.CodeBuildFullClone(dir, "develop");
        var git = SourceRevision.Resolve(GitCli.Read(clone), NoVariables);
        Assert.Equal(("develop", BranchSource.BranchAtHead), (git.Branch, git.Source));
    }

    [Fact]
    public void A_detached_head_shared_by_two_branches_needs_a_variable()
    {
        var repo = GitCheckouts.Workstation(dir);
        Shell.Git(repo, "branch", "release", "develop");
        Shell.Git(repo, "checkout", "-q", "--detach", "develop");

        var error = Assert.Throws<InvalidOperationException>(() => SourceRevision.Resolve(GitCli.Read(repo), NoVariables));
        Assert.Contains("develop, release", error.Message);
        Assert.Contains("Set BRANCH_NAME", error.Message);
    }

    [Fact]
    public void A_zip_source_without_git_uses_the_pipeline_variables()
    {
        var source = dir.Combine("zip");
        Directory.CreateDirectory(source);

        var git = SourceRevision.Resolve(GitCli.Read(source), new Dictionary<string, string?>
        {
            ["BRANCH_NAME"] = "master",
            ["COMMIT_ID"] = "0123456789abcdef0123456789abcdef01234567",
        });
        Assert.Equal(("master", "0123456789abcdef0123456789abcdef01234567", false), (git.Branch, git.Commit, git.IsDetached));
    }

    [Theory]
    [InlineData("CODEBUILD_WEBHOOK_HEAD_REF", "refs/heads/feature/contact-form", "feature/contact-form")]
    [InlineData("CODEBUILD_SOURCE_VERSION", "refs/heads/main", "main")]
    [InlineData("BRANCH_NAME", "refs/heads/develop", "develop")]
    public void CodeBuild_webhook_variables_name_the_branch(string variable, string value, string branch)
    {
        var git = SourceRevision.Resolve(GitFacts.None, new Dictionary<string, string?> { [variable] = value });
        Assert.Equal(branch, git.Branch);
    }

    [Fact]
    public void Without_git_or_variables_the_error_names_the_variables_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SourceRevision.Resolve(GitFacts.None, NoVariables));
        Assert.Contains("no .git folder", error.Message);
        Assert.Contains("BRANCH_NAME", error.Message);
        Assert.Contains("COMMIT_ID", error.Message);
    }

    public void Dispose() => dir.Dispose();
}
