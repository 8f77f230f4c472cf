using System.Diagnostics;

namespace BuildGraph.Tests;

public class ParallelTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    class Slow : RecordingBuild
    {
        Target Site => _ => _.Executes(async () =>
        {
            Serilog.Log.Information("building the site");
            await Task.Delay(1000);
            Ran(nameof(Site));
        });
        Target Lambdas => _ => _.Executes(async () => { await Task.Delay(1000); Ran(nameof(Lambdas)); });
        Target Package => _ => _.DependsOn(Site, Lambdas).Executes(() => Ran(nameof(Package)));
        Target Marked => _ => _.Parallel().Executes(async () => { await Task.Delay(1000); Ran(nameof(Marked)); });
        Target Ordered => _ => _.After(Site).Executes(async () => { await Task.Delay(300); Ran(nameof(Ordered)); });
    }

    [Fact]
    public async Task Two_independent_one_second_targets_finish_well_under_two_seconds_with_parallel()
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await BuildHarness.RunAsync<Slow>(root, "Package", "--parallel");
        stopwatch.Stop();

        Assert.Equal(0, result.ExitCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.8), $"took {stopwatch.Elapsed}");
        Assert.Equal("Package", ((Slow)result.Report.Build!).Executed[^1]); // dependencies still come first
        Assert.Contains("[INF] [Site] building the site", result.Output); // concurrent lines carry the target
    }

    [Fact]
    public async Task Without_parallel_targets_run_one_after_another()
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await BuildHarness.RunAsync<Slow>(root, "Package");
        stopwatch.Stop();

        // Two one-second targets in sequence; Task.Delay may end a millisecond early, so allow the timer's slack.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.9), $"took {stopwatch.Elapsed}");
        Assert.Contains("[INF] building the site", result.Output);
    }

    [Fact]
    public async Task A_target_marked_Parallel_runs_alongside_others_without_the_switch()
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await BuildHarness.RunAsync<Slow>(root, "Site", "Marked");
        stopwatch.Stop();

        Assert.Equal(0, result.ExitCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.8), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Parallel_scheduling_respects_ordering_edges()
    {
        var result = await BuildHarness.RunAsync<Slow>(root, "Ordered", "Site", "--parallel");

        Assert.Equal(["Site", "Ordered"], ((Slow)result.Report.Build!).Executed);
    }
}
