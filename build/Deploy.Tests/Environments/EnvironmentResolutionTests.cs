using Deploy.Environments;

namespace Deploy.Tests.Environments;

public class EnvironmentResolutionTests
{
    static readonly EnvironmentResolution Resolver = new(EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson));

    static Resolution Resolve(string? explicitEnv = null, string? branch = null, bool ci = false, bool credentials = true, bool clean = true) =>
        Resolver.Resolve(new ResolutionInput(explicitEnv, branch, ci, credentials, clean));

    static string DeploysTo(Resolution r) => Assert.IsType<Resolution.Deploy>(r).Environment;

    [Theory]
    [InlineData("develop", "dev")]
    [InlineData("master", "prod")]
    [InlineData("main", "prod")]
    [InlineData("refs/heads/develop", "dev")]
    public void In_CI_the_branch_decides(string branch, string expected) =>
        Assert.Equal(expected, DeploysTo(Resolve(branch: branch, ci: true)));

    [Fact]
    public void In_CI_other_branches_deploy_nothing_and_say_so()
    {
        var nothing = Assert.IsType<Resolution.Nothing>(Resolve(branch: "feature/search", ci: true));
        Assert.Equal("branch 'feature/search' deploys nothing (only develop → dev, master/main → prod deploy in CI)", nothing.Reason);
    }

    [Fact]
    public void In_CI_prod_needs_no_clean_tree_flag() =>
        Assert.Equal("prod", DeploysTo(Resolve(branch: "main", ci: true, clean: false)));

    [Fact]
    public void In_CI_without_credentials_the_branch_still_decides() =>
        Assert.Equal("dev", DeploysTo(Resolve(branch: "develop", ci: true, credentials: false)));

    [Fact]
    public void In_CI_an_unknown_branch_is_refused_with_the_fix()
    {
        var refused = Assert.IsType<Resolution.Refused>(Resolve(branch: null, ci: true));
        Assert.Contains("fix: pass --environment <local|dev|prod> or set BRANCH_NAME", refused.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Explicit_environment_wins_over_the_branch(bool ci) =>
        Assert.Equal("dev", DeploysTo(Resolve(explicitEnv: "dev", branch: "main", ci: ci)));

    [Fact]
    public void Explicit_environment_wins_over_missing_credentials() =>
        Assert.Equal("dev", DeploysTo(Resolve(explicitEnv: "dev", credentials: false)));

    [Fact]
    public void An_unknown_explicit_environment_lists_the_valid_ones()
    {
        var refused = Assert.IsType<Resolution.Refused>(Resolve(explicitEnv: "staging"));
        Assert.Equal("unknown environment 'staging'; fix: pass --environment with one of local, dev, prod", refused.Message);
    }

    [Fact]
    public void On_a_workstation_without_credentials_the_default_is_local() =>
        Assert.Equal("local", DeploysTo(Resolve(branch: "main", credentials: false)));

    [Fact]
    public void On_a_workstation_without_credentials_or_branch_the_default_is_local() =>
        Assert.Equal("local", DeploysTo(Resolve(branch: null, credentials: false)));

    [Fact]
    public void On_a_workstation_develop_deploys_dev() =>
        Assert.Equal("dev", DeploysTo(Resolve(branch: "develop")));

    [Fact]
    public void On_a_workstation_the_prod_branch_alone_is_refused()
    {
        var refused = Assert.IsType<Resolution.Refused>(Resolve(branch: "main"));
        Assert.Contains("fix: pass --environment prod from a clean work tree", refused.Message);
    }

    [Fact]
    public void On_a_workstation_explicit_prod_with_a_clean_tree_deploys_prod() =>
        Assert.Equal("prod", DeploysTo(Resolve(explicitEnv: "prod", branch: "main")));

    [Fact]
    public void On_a_workstation_explicit_prod_with_a_dirty_tree_is_refused()
    {
        var refused = Assert.IsType<Resolution.Refused>(Resolve(explicitEnv: "prod", branch: "main", clean: false));
        Assert.Equal("prod is deployed only from a clean work tree; fix: commit or stash your changes, then run again with --environment prod", refused.Message);
    }

    [Fact]
    public void On_a_workstation_a_dirty_tree_does_not_block_dev() =>
        Assert.Equal("dev", DeploysTo(Resolve(branch: "develop", clean: false)));

    [Fact]
    public void On_a_workstation_a_feature_branch_deploys_nothing_and_names_the_option()
    {
        var nothing = Assert.IsType<Resolution.Nothing>(Resolve(branch: "feature/x"));
        Assert.Contains("pass --environment <local|dev|prod>", nothing.Reason);
    }
}
