namespace BuildGraph.Tests;

public class FailureTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    class Failing : RecordingBuild
    {
        Target Compile => _ => _.Executes(() => Ran(nameof(Compile)));
        Target Broken => _ => _.DependsOn(Compile).Executes(() => throw new InvalidOperationException("Site build failed: gatsby exited with 1"));
        Target Later => _ => _.After(Broken).Executes(() => Ran(nameof(Later)));
        Target Dependent => _ => _.DependsOn(Broken).ProceedAfterFailure().Executes(() => Ran(nameof(Dependent)));
        Target Proceeding => _ => _.DependsOn(Compile).After(Broken).ProceedAfterFailure().Executes(() => Ran(nameof(Proceeding)));
        Target Cleanup => _ => _.DependsOn(Broken).AssuredAfterFailure().Executes(() => Ran(nameof(Cleanup)));
        Target Flaky => _ => _.ProceedAfterFailure().Executes(() => throw new InvalidOperationException("flaky"));
        Target AfterFlaky => _ => _.After(Flaky).Executes(() => Ran(nameof(AfterFlaky)));
        Target OnFlaky => _ => _.DependsOn(Flaky).Executes(() => Ran(nameof(OnFlaky)));
    }

    [Fact]
    public async Task A_failure_fails_the_build_and_later_targets_are_NotRun()
    {
        var result = await BuildHarness.RunAsync<Failing>(root, "Broken", "Later");

        Assert.Equal(BuildReport.Failed, result.ExitCode);
        Assert.Equal(ExecutionStatus.Succeeded, result["Compile"]);
        Assert.Equal(ExecutionStatus.Failed, result["Broken"]);
        Assert.Equal(ExecutionStatus.NotRun, result["Later"]);
        Assert.Equal("Site build failed: gatsby exited with 1", result.Report["Broken"].Note);
        Assert.Contains("Build failed.", result.Output);
        Assert.DoesNotContain("Build succeeded", result.Output);
    }

    [Fact]
    public async Task The_exception_is_one_line_and_the_stack_trace_only_shows_at_verbose()
    {
        var normal = await BuildHarness.RunAsync<Failing>(root, "Broken");
        var errorLines = normal.Lines.Where(l => l.Contains("Site build failed")).ToList();
        Assert.All(errorLines, l => Assert.Matches(@"^(\d\d:\d\d:\d\d \[ERR\] |Broken\s+Failed|  \d\d:\d\d:\d\d \[ERR\] )", l));
        Assert.DoesNotContain("   at ", normal.Output);
        Assert.Contains("Warnings and errors:", normal.Output); // repeated before the summary

        var verbose = await BuildHarness.RunAsync<Failing>(root, "Broken", "--verbosity", "verbose");
        Assert.Contains("   at ", verbose.Output);
        Assert.Contains("System.InvalidOperationException", verbose.Output);
    }

    [Fact]
    public async Task After_a_failure_only_assured_targets_run_even_ProceedAfterFailure_ones_are_NotRun_as_in_Nuke()
    {
        var result = await BuildHarness.RunAsync<Failing>(root, "Broken", "Proceeding", "Dependent", "Later", "Cleanup");

        Assert.Equal(ExecutionStatus.NotRun, result["Proceeding"]); // its own dependencies succeeded, but the build stopped
        Assert.Equal(ExecutionStatus.NotRun, result["Dependent"]);
        Assert.Equal(ExecutionStatus.NotRun, result["Later"]);
        Assert.Equal(ExecutionStatus.Succeeded, result["Cleanup"]);
        Assert.Equal(BuildReport.Failed, result.ExitCode);
    }

    [Fact]
    public async Task A_failing_ProceedAfterFailure_target_does_not_stop_the_build_but_fails_it()
    {
        var result = await BuildHarness.RunAsync<Failing>(root, "Flaky", "AfterFlaky", "OnFlaky");

        Assert.Equal(ExecutionStatus.Failed, result["Flaky"]);
        Assert.Equal(ExecutionStatus.Succeeded, result["AfterFlaky"]);
        Assert.Equal(ExecutionStatus.Succeeded, result["OnFlaky"]); // Nuke runs a dependent of a ProceedAfterFailure failure
        Assert.Equal(BuildReport.Failed, result.ExitCode);
    }

    class SettingExitCode : NukeBuild
    {
        Target Fail => _ => _.ProceedAfterFailure().Executes(() => throw new InvalidOperationException("counted elsewhere"));
        protected override void OnBuildFinished() => ExitCode = IsSucceeding ? 0 : 3;
    }

    [Fact]
    public async Task ExitCode_set_by_the_build_is_the_exit_code_as_in_Nuke()
    {
        var result = await BuildHarness.RunAsync<SettingExitCode>(root, "Fail");

        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task AssuredAfterFailure_targets_always_run()
    {
        var result = await BuildHarness.RunAsync<Failing>(root, "Cleanup");

        Assert.Equal(ExecutionStatus.Failed, result["Broken"]);
        Assert.Equal(ExecutionStatus.Succeeded, result["Cleanup"]);
        Assert.Contains("Cleanup", ((Failing)result.Report.Build!).Executed);
    }

    class Reporting : NukeBuild
    {
        Target Count => _ => _.Executes(() => ReportSummary(_ => _.AddPair("Tests", "3 passed, 0 failed")));
        protected override void OnBuildFinished() => Serilog.Log.Information("3 passed, 0 failed");
    }

    [Fact]
    public async Task ReportSummary_notes_appear_in_the_summary_table()
    {
        var result = await BuildHarness.RunAsync<Reporting>(root, "Count");

        Assert.Equal("Tests: 3 passed, 0 failed", result.Report["Count"].Note);
        Assert.Matches(@"Count\s+Succeeded\s+\d:\d\d\.\d\s+Tests: 3 passed, 0 failed", result.Output);
        Assert.Matches(@"Build succeeded on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.", result.Output);
        Assert.EndsWith("[INF] 3 passed, 0 failed", result.Lines[^1]); // OnBuildFinished writes the last line
    }
}
