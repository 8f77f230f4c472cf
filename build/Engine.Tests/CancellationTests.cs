namespace BuildGraph.Tests;

public class CancellationTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    class LongRunning : RecordingBuild
    {
        public string? PidFile { get; set; }

        Target Serve => _ => _.Executes(async token =>
        {
            (RootDirectory / "serving").WriteAllText("yes");
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            Ran(nameof(Serve));
        });

        // A shell that starts a grandchild (like npm starting gatsby) and waits for it.
        Target Tool => _ => _.Executes(async () =>
        {
            (await ToolProcess.RunAsync("sh", ["-c", $"sleep 60 & echo $! > '{PidFile}'; wait"])).AssertZeroExitCode();
        });

        Target Later => _ => _.After(Serve, Tool).Executes(() => Ran(nameof(Later)));
        Target StopServers => _ => _.After(Serve, Tool, Later).AssuredAfterFailure().Executes(() =>
        {
            Assert.False(this.AbortToken().IsCancellationRequested); // cleanup gets a live token
            Ran(nameof(StopServers));
        });
    }

    [Fact]
    public async Task Ctrl_C_aborts_the_running_target_runs_assured_targets_and_prints_the_summary()
    {
        using var abort = new CancellationTokenSource();
        var running = BuildHarness.RunAsync<LongRunning>(root, ["Serve", "Later", "StopServers"], abort: abort.Token);

        await WaitUntil(() => (root.Path / "serving").FileExists(), TimeSpan.FromSeconds(10));
        abort.Cancel();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(BuildReport.Aborted, result.ExitCode);
        Assert.Equal(ExecutionStatus.Aborted, result["Serve"]);
        Assert.Equal(ExecutionStatus.NotRun, result["Later"]);
        Assert.Equal(ExecutionStatus.Succeeded, result["StopServers"]);
        Assert.Contains("Build aborted", result.Output);
        Assert.Matches(@"Serve\s+Aborted", result.Output);
    }

    [Fact]
    public async Task Ctrl_C_kills_child_processes_and_their_children()
    {
        var pidFile = root.Path / "sleep.pid";
        using var abort = new CancellationTokenSource();
        var running = BuildHarness.RunAsync<LongRunningWithPid>(root, ["Tool", "StopServers"], abort: abort.Token);

        await WaitUntil(() => pidFile.FileExists() && pidFile.ReadAllText().Trim().Length > 0, TimeSpan.FromSeconds(10));
        var grandchild = int.Parse(pidFile.ReadAllText().Trim());
        Assert.True(IsAlive(grandchild));
        abort.Cancel();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ExecutionStatus.Aborted, result["Tool"]);
        Assert.Equal(ExecutionStatus.Succeeded, result["StopServers"]);
        await WaitUntil(() => !IsAlive(grandchild), TimeSpan.FromSeconds(5));
    }

    class LongRunningWithPid : LongRunning
    {
        public LongRunningWithPid() => PidFile = RootDirectory / "sleep.pid";
    }

    // A killed process may linger as a zombie until its new parent reaps it: that counts as gone.
    static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
            return false;
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not met in time");
            await Task.Delay(50);
        }
    }
}
