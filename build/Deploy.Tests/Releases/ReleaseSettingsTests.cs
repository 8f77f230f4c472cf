using System.Text.Json.Nodes;
using Deploy.Environments;
using Deploy.Tests.Environments;

namespace Deploy.Tests.Releases;

/// <summary>environments.json's "releases": release mode by default, in place by choice, previews for CI branches.</summary>
public class ReleaseSettingsTests
{
    static readonly string Schema = File.ReadAllText(Path.Combine(Path.GetDirectoryName(RepositoryFiles.EnvironmentsJson)!, EnvironmentsLoader.SchemaFileName));

    /// <summary>The repository's environments.json with <paramref name="change"/> applied to it.</summary>
    static EnvironmentsFile Load(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryFiles.EnvironmentsJson))!;
        change(json);
        return EnvironmentsLoader.Parse(json.ToJsonString(), Schema, "environments.json");
    }

    [Fact]
    public void Every_environment_deploys_releases_unless_it_opts_into_in_place()
    {
        var file = Load(json => json["environments"]!["prod"]!["releases"] = JsonNode.Parse("""{ "mode": "in-place" }"""));
        Assert.True(file.Environments["local"].SiteReleases.IsReleaseMode);
        Assert.True(file.Environments["dev"].SiteReleases is { IsReleaseMode: true, Keep: 10 });
        Assert.False(file.Environments["prod"].SiteReleases.IsReleaseMode);
    }

    [Fact]
    public void A_preview_branch_deploys_to_its_environment_in_CI_without_promoting()
    {
        var file = Load(json => json["environments"]!["dev"]!["releases"] = JsonNode.Parse("""{ "previewBranches": ["feature/*"] }"""));
        var resolution = new EnvironmentResolution(file).Resolve(new ResolutionInput(null, "feature/search", IsCI: true, HasAwsCredentials: true, WorkTreeClean: true));
        var deploy = Assert.IsType<Resolution.Deploy>(resolution);
        Assert.Equal(("dev", true), (deploy.Environment, deploy.Preview));
        Assert.Contains("a preview, never promoted", deploy.Reason);
        // develop still deploys and promotes.
        Assert.False(Assert.IsType<Resolution.Deploy>(new EnvironmentResolution(file).Resolve(new ResolutionInput(null, "develop", true, true, true))).Preview);
        // On a workstation a feature branch still deploys nothing by itself.
        Assert.IsType<Resolution.Nothing>(new EnvironmentResolution(file).Resolve(new ResolutionInput(null, "feature/search", false, true, true)));
    }

    [Theory]
    [InlineData("""{ "mode": "in-place", "previewBranches": ["feature/*"] }""", "deploys in place, which has no previews; fix: set releases.mode")]
    [InlineData("""{ "mode": "atomic" }""", "releases.mode")]
    [InlineData("""{ "keep": 0 }""", "releases.keep")]
    public void Bad_release_settings_are_refused_in_one_line_with_the_fix(string releases, string expected)
    {
        var error = Assert.Throws<EnvironmentsFileException>(() => Load(json => json["environments"]!["dev"]!["releases"] = JsonNode.Parse(releases)));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Release_mode_without_a_key_value_store_is_refused_naming_both_fixes()
    {
        var error = Assert.Throws<EnvironmentsFileException>(() => Load(json => json["environments"]!["dev"]!["site"]!.AsObject().Remove("keyValueStoreArn")));
        Assert.Contains("names no keyValueStoreArn", error.Message);
        Assert.Contains("\"in-place\"", error.Message);
    }
}
