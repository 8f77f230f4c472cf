namespace BuildGraph.Tests;

/// <summary>Nuke's three Executes overloads: params Action[], Func&lt;T&gt; and Func&lt;Task&gt;.</summary>
public class ExecutesTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    class Bodies : RecordingBuild
    {
        Target Several => _ => _.Executes(() => Ran("first"), () => Ran("second"));

        Target Valued => _ => _.Executes(() =>
        {
            Ran("valued");
            return 42;
        });

        // Task<int>: binds to Executes<T>(Func<T>); awaited here (Nuke would drop the task unawaited).
        Target Counting => _ => _.Executes(async () =>
        {
            await Task.Delay(50);
            Ran("counted");
            return 3;
        });
    }

    [Fact]
    public async Task Every_action_runs_in_order_and_a_returned_task_is_awaited()
    {
        var result = await BuildHarness.RunAsync<Bodies>(root, "Several", "Valued", "Counting");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["first", "second", "valued", "counted"], ((Bodies)result.Report.Build!).Executed);
    }
}
