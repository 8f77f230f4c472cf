using YamlDotNet.RepresentationModel;

namespace BuildTests;

/// <summary>The buildspec stays thin: CodeBuild sets up runtimes and caches and runs ./build.sh Deploy, nothing else.</summary>
public sealed class BuildspecTests
{
    readonly YamlMappingNode spec = Load();

    [Fact]
    public void Is_version_0_2() => Assert.Equal("0.2", Scalar(spec, "version"));

    [Fact]
    public void Runs_exactly_one_command_the_build()
    {
        var phases = (YamlMappingNode)spec["phases"];
        var commands = phases.Children
            .SelectMany(phase => phase.Value is YamlMappingNode body
                ? body.Children.Where(c => Scalar(c.Key) is "commands" or "finally").SelectMany(c => ((YamlSequenceNode)c.Value).Children)
                : [])
            .Select(c => Scalar(c))
            .ToList();

        Assert.Equal(["./build.sh Deploy"], commands);
    }

    [Fact]
    public void Install_phase_only_names_runtimes()
    {
        var install = (YamlMappingNode)((YamlMappingNode)spec["phases"])["install"];
        Assert.Equal(["runtime-versions"], install.Children.Keys.Select(Scalar));
        var runtimes = (YamlMappingNode)install["runtime-versions"];
        Assert.Contains("dotnet", runtimes.Children.Keys.Select(Scalar));
        Assert.Contains("nodejs", runtimes.Children.Keys.Select(Scalar));
    }

    [Fact]
    public void Caches_nuget_packages_and_node_modules()
    {
        var paths = ((YamlSequenceNode)((YamlMappingNode)spec["cache"])["paths"]).Children.Select(Scalar).ToList();
        Assert.Contains(paths, p => p.Contains(".nuget/packages"));
        Assert.Contains(paths, p => p.Contains("node_modules"));
    }

    [Fact]
    public void Caches_what_the_incremental_site_build_keeps()
    {
        var paths = ((YamlSequenceNode)((YamlMappingNode)spec["cache"])["paths"]).Children.Select(Scalar).ToList();
        // Gatsby throws .cache away when public/ is missing, and finished image jobs need their files in public/static.
        Assert.Contains("site/.cache/**/*", paths);
        Assert.Contains("site/public/**/*", paths);
    }

    [Fact]
    public void Has_no_other_top_level_sections_that_could_hold_logic()
    {
        var allowed = new[] { "version", "env", "phases", "cache", "artifacts", "reports" };
        Assert.All(spec.Children.Keys.Select(Scalar), key => Assert.Contains(key, allowed));
        var env = spec.Children.TryGetValue("env", out var e) ? (YamlMappingNode)e : new YamlMappingNode();
        Assert.DoesNotContain("exported-variables", env.Children.Keys.Select(Scalar));
    }

    [Fact]
    public void DEPLOY_PARTS_when_set_names_only_parts_the_build_knows()
    {
        var env = spec.Children.TryGetValue("env", out var e) ? (YamlMappingNode)e : new YamlMappingNode();
        var variables = env.Children.TryGetValue("variables", out var v) ? (YamlMappingNode)v : new YamlMappingNode();
        if (variables.Children.TryGetValue("DEPLOY_PARTS", out var parts))
            Assert.All(Scalar(parts).Split(',', StringSplitOptions.TrimEntries), part => Assert.Contains(part, global::Deploy.Environments.DeployParts.All));
        // The comment beside the variables documents it where CodeBuild's users look.
        Assert.Contains("DEPLOY_PARTS", File.ReadAllText(RepositoryRoot.PathOf("buildspec.yml")));
    }

    static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(RepositoryRoot.PathOf("buildspec.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";
    static string Scalar(YamlMappingNode map, string key) => Scalar(map[key]);
}
