namespace BuildGraph.Tests;

public class IncrementalTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    class Packaging : RecordingBuild
    {
        [Parameter] readonly string Configuration = "Release";

        Target Package => _ => _
            .Inputs("site/src/**", "site/package-lock.json", "!site/src/**/*.tmp")
            .InputValues(() => Configuration)
            .Outputs("artifacts/site.zip")
            .Executes(() =>
            {
                Ran(nameof(Package));
                var sources = string.Join("|", (RootDirectory / "site" / "src").GlobFiles("**/*").Select(f => f.ReadAllText()));
                (RootDirectory / "artifacts" / "site.zip").WriteAllText($"{Configuration}:{sources}");
            });

        Target Broken => _ => _
            .Inputs("site/src/**")
            .Outputs("artifacts/broken.txt")
            .Executes(() =>
            {
                Ran(nameof(Broken));
                (RootDirectory / "artifacts" / "broken.txt").WriteAllText("partial");
                if ((RootDirectory / "fail").FileExists())
                    throw new InvalidOperationException("broken on purpose");
            });
    }

    class TwoParallelPackages : RecordingBuild
    {
        Target Site => _ => _.Parallel().Inputs("site/src/**").Outputs("artifacts/a.txt")
            .Executes(() => (RootDirectory / "artifacts" / "a.txt").WriteAllText("a"));

        Target Functions => _ => _.Parallel().Inputs("site/package-lock.json").Outputs("artifacts/b.txt")
            .Executes(() => (RootDirectory / "artifacts" / "b.txt").WriteAllText("b"));

        Target All => _ => _.DependsOn(Site, Functions);
    }

    public IncrementalTests()
    {
        root.Write("site/src/index.js", "console.log(1)");
        root.Write("site/src/pages/about.md", "# About");
        root.Write("site/package-lock.json", "{}");
    }

    async Task<ExecutionStatus> Package(params string[] extra)
    {
        var result = await BuildHarness.RunAsync<Packaging>(root, ["Package", .. extra]);
        Assert.Equal(0, result.ExitCode);
        return result["Package"];
    }

    [Fact]
    public async Task A_second_run_with_nothing_changed_is_UpToDate_and_does_not_run_the_body()
    {
        Assert.Equal(ExecutionStatus.Succeeded, await Package());
        var second = await BuildHarness.RunAsync<Packaging>(root, "Package");

        Assert.Equal(ExecutionStatus.UpToDate, second["Package"]);
        Assert.Empty(((Packaging)second.Report.Build!).Executed);
        Assert.Matches(@"Package\s+UpToDate", second.Output);
        Assert.True((root.Path / ".nuke" / "temp" / "fingerprints" / "Package.json").FileExists());
    }

    [Fact]
    public async Task Parallel_targets_that_are_all_UpToDate_finish_together()
    {
        // UpToDate targets complete synchronously; the scheduler must not mistake their shared completed task for one target.
        Assert.Equal(0, (await BuildHarness.RunAsync<TwoParallelPackages>(root, "All")).ExitCode);
        var second = await BuildHarness.RunAsync<TwoParallelPackages>(root, "All");

        Assert.Equal(0, second.ExitCode);
        Assert.Equal((ExecutionStatus.UpToDate, ExecutionStatus.UpToDate), (second["Site"], second["Functions"]));
    }

    [Fact]
    public async Task Changing_an_input_file_runs_the_target_again()
    {
        await Package();
        root.Write("site/src/pages/about.md", "# About us");

        Assert.Equal(ExecutionStatus.Succeeded, await Package());
        Assert.Equal(ExecutionStatus.UpToDate, await Package());
    }

    [Fact]
    public async Task Adding_an_input_file_runs_the_target_but_an_excluded_one_does_not()
    {
        await Package();
        root.Write("site/src/scratch.tmp", "ignored");
        Assert.Equal(ExecutionStatus.UpToDate, await Package());

        root.Write("site/src/new.js", "new");
        Assert.Equal(ExecutionStatus.Succeeded, await Package());
    }

    [Fact]
    public async Task Changing_an_input_value_runs_the_target_again()
    {
        await Package();

        Assert.Equal(ExecutionStatus.Succeeded, await Package("--configuration", "Debug"));
        Assert.Equal(ExecutionStatus.UpToDate, await Package("--configuration", "Debug"));
    }

    [Fact]
    public async Task A_deleted_or_changed_output_runs_the_target_again()
    {
        await Package();
        (root.Path / "artifacts" / "site.zip").DeleteFile();
        Assert.Equal(ExecutionStatus.Succeeded, await Package());

        root.Write("artifacts/site.zip", "tampered");
        Assert.Equal(ExecutionStatus.Succeeded, await Package());
        Assert.Equal(ExecutionStatus.UpToDate, await Package());
    }

    [Fact]
    public async Task Force_ignores_the_fingerprint()
    {
        await Package();

        Assert.Equal(ExecutionStatus.Succeeded, await Package("--force"));
    }

    [Fact]
    public async Task A_failed_run_deletes_the_fingerprint_so_the_next_run_executes()
    {
        var first = await BuildHarness.RunAsync<Packaging>(root, "Broken");
        Assert.Equal(ExecutionStatus.Succeeded, first["Broken"]);

        root.Write("fail", "");
        root.Write("site/src/index.js", "console.log(2)");
        var failed = await BuildHarness.RunAsync<Packaging>(root, "Broken");
        Assert.Equal(ExecutionStatus.Failed, failed["Broken"]);
        Assert.False((root.Path / ".nuke" / "temp" / "fingerprints" / "Broken.json").FileExists());

        (root.Path / "fail").DeleteFile();
        root.Write("site/src/index.js", "console.log(1)"); // inputs as at the last success
        var again = await BuildHarness.RunAsync<Packaging>(root, "Broken");
        Assert.Equal(ExecutionStatus.Succeeded, again["Broken"]);
    }
}
