namespace BuildGraph.Tests;

public class RequiresTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    class Deploying : RecordingBuild
    {
        [Parameter("AWS profile")] readonly string? AwsProfile;
        [Parameter] readonly int? Port;
        [Parameter] readonly bool Confirm;

        Target Compile => _ => _.Executes(() => Ran(nameof(Compile)));
        Target Deploy => _ => _.DependsOn(Compile).Requires(() => AwsProfile).Executes(() => Ran(nameof(Deploy)));
        Target Serve => _ => _.DependsOn(Compile).Requires(() => Port).Requires(() => Confirm).Executes(() => Ran(nameof(Serve)));
        Target Skipped => _ => _.OnlyWhenStatic(() => false).Requires(() => AwsProfile).Executes(() => Ran(nameof(Skipped)));
    }

    [Fact]
    public async Task A_missing_parameter_fails_before_any_target_runs_naming_how_to_set_it()
    {
        var result = await BuildHarness.RunAsync<Deploying>(root, "Deploy");

        Assert.Equal(BuildReport.InvalidInput, result.ExitCode);
        Assert.Equal(["Target 'Deploy' requires parameter 'AwsProfile': pass --aws-profile <string> or set AWS_PROFILE."], result.Lines);
        Assert.Empty(((Deploying)result.Report.Build!).Executed);
    }

    [Fact]
    public async Task Requirements_are_met_by_any_parameter_source()
    {
        var result = await BuildHarness.RunAsync<Deploying>(root, ["Deploy"], new Dictionary<string, string?> { ["AWS_PROFILE"] = "dev" });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Compile", "Deploy"], ((Deploying)result.Report.Build!).Executed);
    }

    [Fact]
    public async Task Value_type_parameters_and_boolean_requirements_are_checked_too()
    {
        var missing = await BuildHarness.RunAsync<Deploying>(root, "Serve");
        Assert.Contains("Target 'Serve' requires parameter 'Port': pass --port <int> or set PORT.", missing.Lines);
        Assert.Contains("Target 'Serve' requires Confirm, which is false.", missing.Lines);

        var given = await BuildHarness.RunAsync<Deploying>(root, "Serve", "--port", "8080", "--confirm");
        Assert.Equal(0, given.ExitCode);
    }

    [Fact]
    public async Task A_statically_skipped_target_does_not_need_its_parameters()
    {
        var result = await BuildHarness.RunAsync<Deploying>(root, "Skipped");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ExecutionStatus.Skipped, result["Skipped"]);
    }
}
