using BuildGraph;

namespace BuildTests;

/// <summary>.nuke/build.schema.json gives IDEs completion for parameters.json; it must describe the build as it is.</summary>
public sealed class SchemaTests
{
    [Fact]
    public void The_committed_schema_matches_the_build()
    {
        var committed = File.ReadAllText(RepositoryRoot.PathOf(".nuke", "build.schema.json"));
        var fresh = BuildSchema.Generate(typeof(global::Build));

        Assert.True(committed == fresh,
            ".nuke/build.schema.json is stale: run ./build.sh --help once (it rewrites the schema) and commit the file.");
    }

    [Fact]
    public void The_schema_names_the_deploy_parameters_and_targets()
    {
        var schema = BuildSchema.Generate(typeof(global::Build));
        Assert.Contains("\"LocalApiPort\"", schema);
        Assert.Contains("\"Deploy\"", schema);
        Assert.Contains("\"Test\"", schema);
    }

    [Fact]
    public void The_schema_names_the_targeted_deploys_and_their_switches()
    {
        var schema = BuildSchema.Generate(typeof(global::Build));
        foreach (var name in new[] { "DeployArtifacts", "DeploySite", "DeployFunctions", "Function", "SiteOnly", "DeployParts" })
            Assert.Contains($"\"{name}\"", schema);
    }
}
