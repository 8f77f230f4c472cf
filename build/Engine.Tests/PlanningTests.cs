namespace BuildGraph.Tests;

public class PlanningTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    class Chain : RecordingBuild
    {
        Target Clean => _ => _.Executes(() => Ran(nameof(Clean)));
        Target Restore => _ => _.Executes(() => Ran(nameof(Restore)));
        Target Compile => _ => _.DependsOn(Restore).After(Clean).Executes(() => Ran(nameof(Compile)));
        Target Test => _ => _.DependsOn(Compile).Executes(() => Ran(nameof(Test)));
        public Target Pack => _ => _.DependsOn(Compile).Before(Test).Executes(() => Ran(nameof(Pack)));
        Target PackageSite => _ => _.Executes(() => Ran(nameof(PackageSite)));
    }

    [Fact]
    public async Task Execution_edges_bring_dependencies_in_and_run_them_first()
    {
        var result = await BuildHarness.RunAsync<Chain>(root, "Test");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Restore", "Compile", "Test"], ((Chain)result.Report.Build!).Executed);
        Assert.Equal(["Restore", "Compile", "Test"], result.Report.Targets.Select(t => t.Name));
    }

    [Fact]
    public async Task Ordering_edges_only_order_targets_that_are_planned_anyway()
    {
        var alone = await BuildHarness.RunAsync<Chain>(root, "Compile");
        Assert.DoesNotContain("Clean", ((Chain)alone.Report.Build!).Executed);

        var both = await BuildHarness.RunAsync<Chain>(root, "Compile", "Clean");
        var executed = ((Chain)both.Report.Build!).Executed;
        Assert.Equal(3, executed.Count);
        Assert.True(executed.ToList().IndexOf("Clean") < executed.ToList().IndexOf("Compile"), string.Join(", ", executed));
    }

    [Fact]
    public async Task Before_orders_a_target_ahead_of_another_invoked_one()
    {
        var result = await BuildHarness.RunAsync<Chain>(root, "Test", "Pack");

        Assert.Equal(["Restore", "Compile", "Pack", "Test"], ((Chain)result.Report.Build!).Executed);
    }

    [Fact]
    public async Task Names_match_ignoring_case_and_hyphens_and_several_targets_can_be_invoked()
    {
        var positional = await BuildHarness.RunAsync<Chain>(root, "package-site", "clean");
        Assert.Equal(["PackageSite", "Clean"], ((Chain)positional.Report.Build!).Executed);

        var option = await BuildHarness.RunAsync<Chain>(root, "--target", "PACKAGESITE", "restore");
        Assert.Equal(["PackageSite", "Restore"], ((Chain)option.Report.Build!).Executed);
    }

    [Fact]
    public async Task Unknown_target_fails_with_one_line_listing_the_available_ones_and_runs_nothing()
    {
        var result = await BuildHarness.RunAsync<Chain>(root, "Compile", "Deploy");

        Assert.Equal(BuildReport.InvalidInput, result.ExitCode);
        Assert.Equal(["Unknown target 'Deploy'. Available: Clean, Restore, Compile, Test, Pack, PackageSite."], result.Lines);
        Assert.Empty(((Chain)result.Report.Build!).Executed);
    }

    [Fact]
    public async Task The_default_target_runs_when_none_is_named()
    {
        var output = new StringWriter();
        var invocation = new BuildInvocation([], new Dictionary<string, string?>(), root.Path, output);
        var report = await BuildRunner.RunAsync<Chain>(invocation, x => x.Pack);

        Assert.Equal(["Restore", "Compile", "Pack"], ((Chain)report.Build!).Executed);
        Assert.Empty(report.Build!.InvokedTargets); // Nuke: the default target runs, but is not invoked
        Assert.Equal(["Pack"], report.Build!.InvokedTargetNames());
    }

    class Triggering : RecordingBuild
    {
        Target Deploy => _ => _.Triggers(Notify).Executes(() => Ran(nameof(Deploy)));
        Target Notify => _ => _.Executes(() => Ran(nameof(Notify)));
        Target Audit => _ => _.TriggeredBy(Deploy).Executes(() => Ran(nameof(Audit)));
        Target Lint => _ => _.DependentFor(Deploy).Executes(() => Ran(nameof(Lint)));
    }

    [Fact]
    public async Task Triggers_TriggeredBy_and_DependentFor_are_execution_edges()
    {
        var result = await BuildHarness.RunAsync<Triggering>(root, "Deploy");

        var executed = ((Triggering)result.Report.Build!).Executed;
        Assert.Equal(["Lint", "Deploy", "Notify", "Audit"], executed);
    }

    [Fact]
    public async Task Triggered_targets_do_not_run_when_only_they_are_invoked_alone()
    {
        var result = await BuildHarness.RunAsync<Triggering>(root, "Notify");

        Assert.Equal(["Notify"], ((Triggering)result.Report.Build!).Executed);
    }

    class Cyclic : RecordingBuild
    {
        Target A => _ => _.DependsOn(B).Executes(() => Ran(nameof(A)));
        Target B => _ => _.DependsOn(C).Executes(() => Ran(nameof(B)));
        Target C => _ => _.After(A).Executes(() => Ran(nameof(C)));
        Target Free => _ => _.Executes(() => Ran(nameof(Free)));
    }

    [Fact]
    public async Task A_cycle_fails_naming_its_members_and_nothing_runs()
    {
        var result = await BuildHarness.RunAsync<Cyclic>(root, "Free", "A");

        Assert.Equal(BuildReport.InvalidInput, result.ExitCode);
        Assert.Equal(["Circular dependency: A -> B -> C -> A."], result.Lines);
        Assert.Empty(((Cyclic)result.Report.Build!).Executed);
    }

    [Fact]
    public async Task An_ordering_edge_to_an_unplanned_target_is_no_cycle()
    {
        var result = await BuildHarness.RunAsync<Cyclic>(root, "C");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["C"], ((Cyclic)result.Report.Build!).Executed);
    }
}
