namespace BuildGraph.Tests;

public class SkipAndConditionTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    class Pipeline : RecordingBuild
    {
        Target Restore => _ => _.Executes(() => Ran(nameof(Restore)));
        Target Compile => _ => _.DependsOn(Restore).Executes(() => Ran(nameof(Compile)));
        public Target Test => _ => _.DependsOn(Compile).Executes(() => Ran(nameof(Test)));
    }

    [Fact]
    public async Task Skip_alone_skips_every_target_that_was_not_invoked()
    {
        var result = await BuildHarness.RunAsync<Pipeline>(root, "Test", "--skip");

        Assert.Equal(["Test"], ((Pipeline)result.Report.Build!).Executed);
        Assert.Equal(ExecutionStatus.Skipped, result["Restore"]);
        Assert.Equal(ExecutionStatus.Skipped, result["Compile"]);
        Assert.Equal(ExecutionStatus.Succeeded, result["Test"]);
    }

    [Fact]
    public async Task Skip_with_names_skips_those_and_the_dependencies_only_they_need_as_Nuke_does()
    {
        var result = await BuildHarness.RunAsync<Pipeline>(root, "Test", "--skip", "compile");

        Assert.Equal(["Test"], ((Pipeline)result.Report.Build!).Executed);
        Assert.Equal("--skip", result.Report["Compile"].Note);
        Assert.Equal("because of Compile", result.Report["Restore"].Note);
    }

    class Sharing : RecordingBuild
    {
        Target Restore => _ => _.Executes(() => Ran(nameof(Restore)));
        Target Compile => _ => _.DependsOn(Restore).Executes(() => Ran(nameof(Compile)));
        Target Lint => _ => _.DependsOn(Restore).Executes(() => Ran(nameof(Lint)));
        Target Pack => _ => _.DependsOn(Restore).WhenSkipped(DependencyBehavior.Execute).Executes(() => Ran(nameof(Pack)));
        Target All => _ => _.DependsOn(Compile, Lint).Executes(() => Ran(nameof(All)));
        Target Ship => _ => _.DependsOn(Pack).Executes(() => Ran(nameof(Ship)));
        readonly string mode = "all";
        Target Gated => _ => _.OnlyWhenStatic(() => false).OnlyWhenStatic(() =>
            mode ==
                "nothing").Executes(() => Ran(nameof(Gated)));
    }

    [Fact]
    public async Task A_dependency_another_scheduled_target_needs_still_runs()
    {
        var result = await BuildHarness.RunAsync<Sharing>(root, "All", "--skip", "Compile");

        Assert.Equal(["Restore", "Lint", "All"], ((Sharing)result.Report.Build!).Executed);
    }

    [Fact]
    public async Task WhenSkipped_Execute_keeps_the_dependencies_of_a_skipped_target()
    {
        var result = await BuildHarness.RunAsync<Sharing>(root, "Ship", "--skip", "Pack");

        Assert.Equal(ExecutionStatus.Skipped, result["Pack"]);
        Assert.Equal(["Restore", "Ship"], ((Sharing)result.Report.Build!).Executed);
    }

    class Announcing : RecordingBuild
    {
        Target Release => _ => _.Triggers(Notify).OnlyWhenDynamic(() => IsServerBuild).Executes(() => Ran(nameof(Release)));
        Target Notify => _ => _.Executes(() => Ran(nameof(Notify)));
    }

    [Fact]
    public async Task A_target_skipped_by_a_dynamic_condition_also_skips_the_targets_only_it_triggers()
    {
        var result = await BuildHarness.RunAsync<Announcing>(root, "Release");

        Assert.Equal(ExecutionStatus.Skipped, result["Release"]);
        Assert.Equal(ExecutionStatus.Skipped, result["Notify"]);
        Assert.Equal("because of Release", result.Report["Notify"].Note);
        Assert.Empty(((Announcing)result.Report.Build!).Executed);
    }

    [Fact]
    public async Task Every_false_condition_is_named_as_written_on_one_line()
    {
        var result = await BuildHarness.RunAsync<Sharing>(root, "Gated");

        Assert.Equal(ExecutionStatus.Skipped, result["Gated"]);
        Assert.Equal("false && mode == \"nothing\"", result.Report["Gated"].Note);
    }

    [Fact]
    public async Task An_invoked_target_is_never_skipped_by_name()
    {
        var result = await BuildHarness.RunAsync<Pipeline>(root, "Test", "--skip", "Test");

        Assert.Equal(ExecutionStatus.Succeeded, result["Test"]);
        Assert.Equal("because of Test", result.Report["Compile"].Note); // Nuke still skips what only the named target needs
        Assert.Equal(["Test"], ((Pipeline)result.Report.Build!).Executed);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task On_a_default_run_nothing_is_invoked_so_a_bare_skip_skips_the_default_target_too()
    {
        var output = new StringWriter();
        var invocation = new BuildInvocation(["--skip"], new Dictionary<string, string?>(), root.Path, output);
        var report = await BuildRunner.RunAsync<Pipeline>(invocation, x => x.Test);

        Assert.Empty(((Pipeline)report.Build!).Executed);
        Assert.Equal(ExecutionStatus.Skipped, report.StatusOf("Test"));
        Assert.Equal(0, report.ExitCode);
    }

    class Observing : RecordingBuild
    {
        public List<string> Seen { get; } = [];
        Target Restore => _ => _.Executes(() => Ran(nameof(Restore)));
        Target Compile => _ => _.DependsOn(Restore).Executes(() => Ran(nameof(Compile)));
        Target Test => _ => _.DependsOn(Compile).Executes(() =>
            Seen.Add($"{this.StatusOf(nameof(Restore))} {this.StatusOf(nameof(Compile))} {this.StatusOf("Unplanned")} [{string.Join(",", this.SkippedByName())}]"));
    }

    [Theory]
    [InlineData(new[] { "Test", "--skip", "compile" }, "Skipped Skipped  [Compile]")]
    [InlineData(new[] { "Test", "--skip" }, "Skipped Skipped  []")]
    [InlineData(new[] { "Test" }, "Succeeded Succeeded  []")]
    public async Task A_target_sees_what_happened_to_the_others_and_which_were_skipped_by_name(string[] arguments, string seen)
    {
        var result = await BuildHarness.RunAsync<Observing>(root, arguments);

        Assert.Equal([seen], ((Observing)result.Report.Build!).Seen);
    }

    [Fact]
    public async Task Skip_naming_an_unknown_target_fails_before_anything_runs()
    {
        var result = await BuildHarness.RunAsync<Pipeline>(root, "Test", "--skip", "Lint");

        Assert.Equal(BuildReport.InvalidInput, result.ExitCode);
        Assert.Contains("Unknown target 'Lint'. Available: Restore, Compile, Test.", result.Output);
        Assert.Empty(((Pipeline)result.Report.Build!).Executed);
    }

    class Conditional : RecordingBuild
    {
        [Parameter] readonly string Environment = "dev";
        [Parameter] readonly Verbosity Level = Verbosity.Normal;
        bool dynamicGate = true;

        Target Shared => _ => _.Executes(() => Ran(nameof(Shared)));
        Target Exclusive => _ => _.Executes(() => Ran(nameof(Exclusive)));
        Target Deeper => _ => _.Executes(() => Ran(nameof(Deeper)));
        Target Middle => _ => _.DependsOn(Deeper).Executes(() => Ran(nameof(Middle)));

        Target Publish => _ => _
            .DependsOn(Shared, Exclusive, Middle)
            .OnlyWhenStatic(() => IsServerBuild)
            .WhenSkipped(DependencyBehavior.Skip)
            .Executes(() => Ran(nameof(Publish)));

        Target Report => _ => _.DependsOn(Shared).Executes(() => Ran(nameof(Report)));

        Target Announce => _ => _
            .DependsOn(Shared)
            .OnlyWhenStatic(() => Environment == "prod" && Level != Verbosity.Quiet)
            .Executes(() => Ran(nameof(Announce)));

        Target Gate => _ => _.Executes(() => dynamicGate = false);

        Target Late => _ => _
            .DependsOn(Gate)
            .OnlyWhenStatic(() => dynamicGate)  // true before anything ran
            .OnlyWhenDynamic(() => dynamicGate) // false once Gate ran
            .Executes(() => Ran(nameof(Late)));
    }

    [Fact]
    public async Task A_false_static_condition_skips_with_the_condition_text_as_reason()
    {
        var result = await BuildHarness.RunAsync<Conditional>(root, "Announce");

        Assert.Equal(ExecutionStatus.Skipped, result["Announce"]);
        Assert.Equal("Environment == \"prod\" && Level != Verbosity.Quiet", result.Report["Announce"].Note); // the source text, as Nuke
        Assert.Equal(ExecutionStatus.Skipped, result["Shared"]); // Nuke's default WhenSkipped(Skip): nothing else needs it
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task WhenSkipped_Skip_also_skips_dependencies_nothing_else_needs_transitively()
    {
        var result = await BuildHarness.RunAsync<Conditional>(root, "Publish", "Report");

        Assert.Equal(ExecutionStatus.Skipped, result["Publish"]);
        Assert.Equal("IsServerBuild", result.Report["Publish"].Note);
        Assert.Equal(ExecutionStatus.Skipped, result["Exclusive"]);
        Assert.Equal(ExecutionStatus.Skipped, result["Middle"]);
        Assert.Equal(ExecutionStatus.Skipped, result["Deeper"]);
        Assert.Equal("because of Middle", result.Report["Deeper"].Note); // Nuke's wording
        Assert.Equal(ExecutionStatus.Succeeded, result["Shared"]); // Report still needs it
        Assert.Equal(["Shared", "Report"], ((Conditional)result.Report.Build!).Executed);
    }

    [Fact]
    public async Task A_true_static_condition_runs_the_target()
    {
        var result = await BuildHarness.RunAsync<Conditional>(root, ["Publish"], new Dictionary<string, string?> { ["CI"] = "true" });

        Assert.Equal(ExecutionStatus.Succeeded, result["Publish"]);
        Assert.Equal(["Shared", "Exclusive", "Deeper", "Middle", "Publish"], ((Conditional)result.Report.Build!).Executed);
    }

    [Fact]
    public async Task Dynamic_conditions_are_evaluated_right_before_the_target_runs()
    {
        var result = await BuildHarness.RunAsync<Conditional>(root, "Late");

        Assert.Equal(ExecutionStatus.Succeeded, result["Gate"]);
        Assert.Equal(ExecutionStatus.Skipped, result["Late"]);
        Assert.Equal("dynamicGate", result.Report["Late"].Note);
        Assert.Contains("Skipped: dynamicGate", result.Output);
    }
}
