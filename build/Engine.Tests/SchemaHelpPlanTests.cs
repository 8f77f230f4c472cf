using System.Text.Json.Nodes;

namespace BuildGraph.Tests;

public class SchemaHelpPlanTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    public enum Stage { Local, Dev, Prod }

    class Documented : NukeBuild
    {
        [Parameter("AWS profile to deploy with")] readonly string? AwsProfile;
        [Parameter("Target environment")] readonly Stage Environment = Stage.Local;
        [Parameter("Functions to deploy")] readonly string[] Functions = ["contact-form"];
        [Parameter] readonly int Retries = 3;
        [Parameter] readonly bool DryRun;
        [Parameter("Deploy key"), Secret] readonly string DeployKey = "default-key-value";

        Target Restore => _ => _.Description("Installs packages").Executes(() => { });
        Target Compile => _ => _.Description("Compiles everything").DependsOn(Restore).Executes(() => { });
        Target Lint => _ => _.Before(Compile).Executes(() => { });
        public Target Deploy => _ => _.DependsOn(Compile).Triggers(Notify).Executes(() => { });
        Target Notify => _ => _.Executes(() => { });
        Target Secretive => _ => _.Unlisted().Executes(() => { });
    }

    [Fact]
    public void The_schema_has_Nuke_s_layout_parameters_with_types_enum_values_descriptions_and_target_names()
    {
        var schema = JsonNode.Parse(BuildSchema.Generate(typeof(Documented)))!;
        var definitions = schema["definitions"]!;
        var own = schema["allOf"]![0]!["properties"]!;
        var builtIn = definitions["NukeBuild"]!["properties"]!;
        static IEnumerable<string> Strings(JsonNode node) => node.AsArray().Select(n => (string)n!);

        Assert.Equal("http://json-schema.org/draft-04/schema#", (string?)schema["$schema"]);
        Assert.Equal("#/definitions/NukeBuild", (string?)schema["allOf"]![1]!["$ref"]);
        Assert.Equal("string", (string?)own["AwsProfile"]!["type"]);
        Assert.Equal("AWS profile to deploy with", (string?)own["AwsProfile"]!["description"]);
        Assert.Equal("#/definitions/Stage", (string?)own["Environment"]!["$ref"]);
        Assert.Equal(["Local", "Dev", "Prod"], Strings(definitions["Stage"]!["enum"]!));
        Assert.Equal("array", (string?)own["Functions"]!["type"]);
        Assert.Equal("integer", (string?)own["Retries"]!["type"]);
        Assert.Equal("int32", (string?)own["Retries"]!["format"]);
        Assert.Equal("boolean", (string?)own["DryRun"]!["type"]);
        Assert.Null(own["Skip"]); // built-ins live in definitions/NukeBuild, as in Nuke
        Assert.Equal("#/definitions/ExecutableTarget", (string?)builtIn["Skip"]!["items"]!["$ref"]);
        Assert.Equal("#/definitions/ExecutableTarget", (string?)builtIn["Target"]!["items"]!["$ref"]);
        Assert.Equal("#/definitions/Verbosity", (string?)builtIn["Verbosity"]!["$ref"]);
        Assert.Equal(["Verbose", "Normal", "Minimal", "Quiet"], Strings(definitions["Verbosity"]!["enum"]!));
        Assert.Null(builtIn["Root"]); // command-line only
        Assert.Equal(["Compile", "Deploy", "Lint", "Notify", "Restore", "Secretive"], Strings(definitions["ExecutableTarget"]!["enum"]!));
    }

    class Nullables : NukeBuild
    {
        [Parameter] readonly int? Port;
        [Parameter] readonly bool? Confirm;
        Target Run => _ => _.Executes(() => { });
    }

    [Fact]
    public void A_nullable_value_parameter_also_allows_null_as_Nuke_s_schema_says()
    {
        var own = JsonNode.Parse(BuildSchema.Generate(typeof(Nullables)))!["allOf"]![0]!["properties"]!;

        Assert.Equal(["integer", "null"], own["Port"]!["type"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(["boolean", "null"], own["Confirm"]!["type"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public async Task The_schema_file_is_written_at_startup_only_when_it_changed()
    {
        var file = root.Path / ".nuke" / "build.schema.json";
        await BuildHarness.RunAsync<Documented>(root, "--help");
        Assert.Equal(BuildSchema.Generate(typeof(Documented)), file.ReadAllText());

        var written = File.GetLastWriteTimeUtc(file);
        File.SetLastWriteTimeUtc(file, written.AddHours(-1));
        await BuildHarness.RunAsync<Documented>(root, "--help");
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(file)); // unchanged content: not rewritten

        file.WriteAllText("{}");
        await BuildHarness.RunAsync<Documented>(root, "--help");
        Assert.Equal(BuildSchema.Generate(typeof(Documented)), file.ReadAllText());
    }

    [Fact]
    public async Task Help_lists_targets_with_descriptions_and_dependencies_and_every_parameter()
    {
        var output = new StringWriter();
        var invocation = new BuildInvocation(["--help"], new Dictionary<string, string?>(), root.Path, output);
        var report = await BuildRunner.RunAsync<Documented>(invocation, x => x.Deploy);
        var help = output.ToString();

        Assert.Equal(0, report.ExitCode);
        Assert.Empty(report.Targets); // nothing ran
        Assert.Matches(@"  Compile\s+Compiles everything  \(depends on Restore\)", help);
        Assert.Matches(@"  Deploy \*\s+\(depends on Compile\)", help);
        Assert.DoesNotContain("Secretive", help);
        Assert.Matches(@"--aws-profile <string>\s+AWS profile to deploy with \[env: AWS_PROFILE\]", help);
        Assert.Matches(@"--environment <Local\|Dev\|Prod>\s+Target environment \[default: Local; env: ENVIRONMENT\]", help);
        Assert.Matches(@"--functions <string\[\]>\s+Functions to deploy \[default: contact-form; env: FUNCTIONS\]", help);
        Assert.Matches(@"--retries <int>\s+\[default: 3; env: RETRIES\]", help);
        Assert.Matches(@"--dry-run\s+\[env: DRY_RUN\]", help);
        Assert.Matches(@"--deploy-key <string>\s+Deploy key \[default: \*\*\*\*; env: DEPLOY_KEY; secret\]", help);
        Assert.DoesNotContain("default-key-value", help);
        Assert.Matches(@"--help, -h\s+Show usage", help);
        Assert.Matches(@"--verbosity <Verbose\|Normal\|Minimal\|Quiet>\s+Logging verbosity. \[default: Normal; env: NUKE_VERBOSITY\]", help);
    }

    [Fact]
    public async Task Plan_writes_a_mermaid_page_and_prints_its_path_without_running_anything()
    {
        var result = await BuildHarness.RunAsync<Documented>(root, "Deploy", "Lint", "--plan");
        var page = root.Path / ".nuke" / "temp" / "plan.html";

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([page.ToString()], result.Lines);
        Assert.Empty(result.Report.Targets);
        var html = page.ReadAllText();
        Assert.Contains("<pre class=\"mermaid\">", html);
        Assert.Contains("Restore --&gt; Compile", html);        // execution edge: solid
        Assert.Contains("Lint -.-&gt; Compile", html);          // ordering edge: dashed
        Assert.Contains("Deploy -- triggers --&gt; Notify", html);
        Assert.Contains("class Lint,Deploy invoked;", html);
        Assert.Contains("class Restore,Compile,Notify planned;", html);
        Assert.DoesNotContain("Secretive", html);
    }
}
