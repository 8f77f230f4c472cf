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
    public void Has_no_other_top_level_sections_that_could_hold_logic()
    {
        var allowed = new[] { "version", "env", "phases", "cache", "artifacts", "reports" };
        Assert.All(spec.Children.Keys.Select(Scalar), key => Assert.Contains(key, allowed));
        var env = spec.Children.TryGetValue("env", out var e) ? (YamlMappingNode)e : new YamlMappingNode();
        Assert.DoesNotContain("exported-variables", env.Children.Keys.Select(Scalar));
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
