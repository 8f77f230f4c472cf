namespace BuildGraph.Tests;

public class ParameterTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    public enum Stage { Local, Dev, Prod }

    class Parameterized : NukeBuild
    {
        [Parameter("AWS profile")] public readonly string? AwsProfile;
        [Parameter] public readonly string Region = "eu-west-1";
        [Parameter] public bool DryRun { get; }
        [Parameter] public readonly bool Verify = true;
        [Parameter] public int Retries { get; set; } = 3;
        [Parameter] public readonly int? Port;
        [Parameter] public readonly Stage Environment = Stage.Local;
        [Parameter] public readonly Stage? Promote;
        [Parameter] public readonly string[] Functions = [];
        [Parameter] public readonly AbsolutePath? Output;
        [Parameter(Name = "build-version")] public readonly string? Version;

        Target Show => _ => _.Executes(() => { });
    }

    async Task<Parameterized> Run(string[] arguments, Dictionary<string, string?>? environment = null)
    {
        var result = await BuildHarness.RunAsync<Parameterized>(root, ["Show", .. arguments], environment);
        Assert.True(result.ExitCode == 0, result.Output);
        return (Parameterized)result.Report.Build!;
    }

    async Task<string> Error(string[] arguments, Dictionary<string, string?>? environment = null)
    {
        var result = await BuildHarness.RunAsync<Parameterized>(root, ["Show", .. arguments], environment);
        Assert.Equal(BuildReport.InvalidInput, result.ExitCode);
        Assert.Single(result.Lines);
        return result.Lines[0];
    }

    [Fact]
    public async Task Initializers_stay_when_no_source_sets_a_value()
    {
        var build = await Run([]);

        Assert.Null(build.AwsProfile);
        Assert.Equal("eu-west-1", build.Region);
        Assert.False(build.DryRun);
        Assert.True(build.Verify);
        Assert.Equal(3, build.Retries);
        Assert.Equal(Stage.Local, build.Environment);
        Assert.Empty(build.Functions);
    }

    [Fact]
    public async Task Every_type_converts_from_the_command_line()
    {
        var build = await Run([
            "--aws-profile", "dev-admin", "--dry-run", "--verify", "false", "--retries", "5", "--port=8080",
            "--environment", "prod", "--promote", "DEV", "--functions", "contact-form", "mail-forwarder",
            "--output", "out/site", "--build-version", "1.2.3"]);

        Assert.Equal("dev-admin", build.AwsProfile);
        Assert.True(build.DryRun);
        Assert.False(build.Verify);
        Assert.Equal(5, build.Retries);
        Assert.Equal(8080, build.Port);
        Assert.Equal(Stage.Prod, build.Environment);
        Assert.Equal(Stage.Dev, build.Promote);
        Assert.Equal(["contact-form", "mail-forwarder"], build.Functions);
        Assert.Equal(root.Path / "out" / "site", build.Output);
        Assert.Equal("1.2.3", build.Version);
    }

    [Fact]
    public async Task Environment_variables_match_by_exact_name_or_letters_ignoring_case_with_or_without_NUKE_prefix()
    {
        Assert.Equal("a", (await Run([], new() { ["AwsProfile"] = "a" })).AwsProfile);
        Assert.Equal("b", (await Run([], new() { ["AWS_PROFILE"] = "b" })).AwsProfile);
        Assert.Equal("c", (await Run([], new() { ["awsprofile"] = "c" })).AwsProfile);
        Assert.Equal("d", (await Run([], new() { ["NUKE_AWS_PROFILE"] = "d" })).AwsProfile);
        Assert.Equal(["x", "y"], (await Run([], new() { ["FUNCTIONS"] = "x, y" })).Functions);
        Assert.True((await Run([], new() { ["DRY_RUN"] = "true" })).DryRun);
    }

    [Fact]
    public async Task Precedence_is_command_line_then_environment_then_profiles_then_parameters_json_then_initializer()
    {
        root.Write(".nuke/parameters.json", """{ "$schema": "./build.schema.json", "Region": "json", "Retries": 7, "AwsProfile": "json", "Port": 1, "Functions": ["f1"] }""");
        root.Write(".nuke/parameters.ci.json", """{ "Region": "ci", "AwsProfile": "ci", "Port": 2 }""");
        root.Write(".nuke/parameters.prod.json", """{ "AwsProfile": "prod", "Port": 3 }""");
        var environment = new Dictionary<string, string?> { ["PORT"] = "4" };

        var build = await Run(["--profile", "ci", "prod", "--port", "5"], environment);
        Assert.Equal(5, build.Port);             // command line
        Assert.Equal("prod", build.AwsProfile);  // later profile wins
        Assert.Equal("ci", build.Region);        // earlier profile beats parameters.json
        Assert.Equal(7, build.Retries);          // parameters.json beats the initializer
        Assert.Equal(["f1"], build.Functions);
        Assert.True(build.Verify);               // initializer

        Assert.Equal(4, (await Run(["--profile", "ci", "prod"], environment)).Port); // environment beats profiles
        Assert.Equal(1, (await Run([])).Port);
    }

    [Fact]
    public async Task Values_that_do_not_convert_fail_before_any_target_runs()
    {
        Assert.Equal("Parameter '--retries' expects an integer, got 'abc'.", await Error(["--retries", "abc"]));
        Assert.Equal("Parameter '--environment' expects one of Local, Dev, Prod, got 'staging'.", await Error(["--environment", "staging"]));
        Assert.Equal("Parameter '--dry-run' expects true or false, got 'maybe' (from environment variable DRY_RUN).",
            await Error([], new() { ["DRY_RUN"] = "maybe" }));
        root.Write(".nuke/parameters.json", """{ "Retries": "many" }""");
        Assert.Equal("Parameter '--retries' expects an integer, got 'many' (from .nuke/parameters.json).", await Error([]));
    }

    [Fact]
    public async Task A_scalar_needs_its_value()
    {
        Assert.Equal("Parameter '--region' expects a value (string).", await Error(["--region", "--dry-run"]));
    }

    [Fact]
    public async Task Unknown_parameters_fail_with_a_suggestion()
    {
        Assert.Equal("Unknown parameter '--aws-profil'. Did you mean '--aws-profile'? Run --help to list parameters.",
            await Error(["--aws-profil", "x"]));
        Assert.Equal("Unknown parameter '--zzzzzzzz'. Run --help to list parameters.", await Error(["--zzzzzzzz"]));
    }

    [Fact]
    public async Task Unknown_keys_in_parameter_files_fail_too()
    {
        root.Write(".nuke/parameters.json", """{ "Regoin": "x" }""");

        Assert.Equal("Unknown parameter 'Regoin' in .nuke/parameters.json. Did you mean 'Region'? Run --help to list parameters.", await Error([]));
    }

    [Fact]
    public async Task A_missing_profile_file_fails()
    {
        Assert.Equal("Profile 'stage' not found: create .nuke/parameters.stage.json or drop --profile stage.", await Error(["--profile", "stage"]));
    }

    [Fact]
    public async Task A_target_named_after_profile_is_said_to_be_read_as_a_profile()
    {
        Assert.Equal("'Show' after --profile is read as a profile, not as the target Show: --profile takes every word after it; " +
                     "fix: name targets first (./build.sh Show --profile nosuchprofile).", await Error(["--profile", "nosuchprofile", "Show"]));
    }

    [Fact]
    public void Kebab_case_names_follow_the_member_name()
    {
        Assert.Equal("aws-profile", NameStyle.Kebab("AwsProfile"));
        Assert.Equal("aws-region", NameStyle.Kebab("AWSRegion"));
        Assert.Equal("build-version", NameStyle.Kebab("_buildVersion"));
        Assert.Equal("s3-bucket", NameStyle.Kebab("S3Bucket"));
    }
}
