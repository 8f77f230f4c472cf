namespace BuildTests;

/// <summary>Mistakes a new user makes on the command line, each answered by one line that names the culprit.</summary>
public sealed class CommandLineMessagesTests
{
    static TemporaryDirectory RootWithEnvironments()
    {
        var root = new TemporaryDirectory();
        root.Write(".nuke/parameters.json", "{}");
        root.Write("infra/environments.json", File.ReadAllText(RepositoryRoot.PathOf("infra", "environments.json")));
        root.Write("infra/environments.schema.json", File.ReadAllText(RepositoryRoot.PathOf("infra", "environments.schema.json")));
        return root;
    }

    [Fact]
    public void An_aws_profile_that_does_not_exist_is_named()
    {
        using var root = RootWithEnvironments();
        var credentials = root.Write("aws/credentials", "[someone-else]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = other\n");
        var environment = new Dictionary<string, string?> { ["AWS_SHARED_CREDENTIALS_FILE"] = credentials, ["AWS_CONFIG_FILE"] = credentials };

        foreach (var target in new[] { "dev", "local" })
        {
            var result = BuildProgram.Run(root.Path, environment, "Deploy", "--environment", target, "--aws-profile", "does-not-exist", "--skip");
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains($"AWS profile 'does-not-exist' (from --aws-profile) not found or has no credentials in {credentials}: run `aws configure sso --profile does-not-exist`",
                result.Output + result.Error);
            Assert.DoesNotContain("No AWS credentials found", result.Output + result.Error);
        }
    }

    [Fact]
    public void A_target_after_profile_is_said_to_be_read_as_a_profile()
    {
        using var root = RootWithEnvironments();
        var result = BuildProgram.Run(root.Path, new Dictionary<string, string?>(), "--profile", "nosuchprofile", "Package");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'Package' after --profile is read as a profile, not as the target Package: --profile takes every word after it; " +
                        "fix: name targets first (./build.sh Package --profile nosuchprofile).", result.Output + result.Error);
    }

    [Fact]
    public void A_site_content_folder_without_posts_is_refused_before_anything_runs()
    {
        using var root = RootWithEnvironments();
        var content = root.Write("blog/README.md", "not a content folder");
        var folder = Path.GetDirectoryName(content)!;
        var result = BuildProgram.Run(root.Path, new Dictionary<string, string?>(), "CompileSite", "--site-content", folder);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"--site-content {folder} has no posts/ folder; fix: name a folder laid out as site/content", result.Output + result.Error);
        Assert.DoesNotContain("RestoreSite", result.Output + result.Error);
        Assert.False(Directory.Exists(Path.Combine(root.Path, "site")), "nothing is written for a refused content folder");
    }
}
