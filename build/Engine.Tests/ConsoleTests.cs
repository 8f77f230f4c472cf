namespace BuildGraph.Tests;

public class ConsoleTests : IDisposable
{
    readonly TestRoot root = new();

    public void Dispose() => root.Dispose();

    class Chatty : NukeBuild
    {
        Target Talk => _ => _.Executes(() =>
        {
            Serilog.Log.Debug("debug line");
            Serilog.Log.Information("info line");
            Serilog.Log.Warning("warning line");
            Serilog.Log.Error("error line");
        });
    }

    [Theory]
    [InlineData("quiet", new[] { "error line" }, new[] { "warning line", "info line", "debug line" })]
    [InlineData("minimal", new[] { "error line", "warning line" }, new[] { "info line", "debug line" })]
    [InlineData("normal", new[] { "error line", "warning line", "info line", "debug line" }, new string[0])]
    public async Task Verbosity_filters_log_levels(string verbosity, string[] shown, string[] hidden)
    {
        var result = await BuildHarness.RunAsync<Chatty>(root, "Talk", "--verbosity", verbosity);

        Assert.All(shown, line => Assert.Contains(line, result.Output));
        Assert.All(hidden, line => Assert.DoesNotContain(line, result.Output));
    }

    [Fact]
    public async Task Lines_have_time_and_level_a_header_per_target_and_warnings_are_repeated_before_the_summary()
    {
        var result = await BuildHarness.RunAsync<Chatty>(root, "Talk");
        var lines = result.Lines.ToList();

        Assert.Contains("═══ Talk ═══", lines);
        Assert.Matches(@"^\d\d:\d\d:\d\d \[INF\] info line$", lines.Single(l => l.EndsWith("info line")));
        var block = lines.IndexOf("Warnings and errors:");
        Assert.True(block > lines.FindIndex(l => l.EndsWith("[WRN] warning line")));
        Assert.EndsWith("[WRN] warning line", lines[block + 1]);
        Assert.True(lines.FindIndex(l => l.StartsWith("Target ")) > block);
        Assert.DoesNotContain("\u001b[", result.Output); // plain text unless colour was asked for
    }

    [Fact]
    public void Colour_only_for_an_interactive_terminal_without_NO_COLOR()
    {
        var none = new Dictionary<string, string?>();
        Assert.True(BuildConsole.ShouldColor(none, outputRedirected: false));
        Assert.False(BuildConsole.ShouldColor(none, outputRedirected: true));
        Assert.False(BuildConsole.ShouldColor(new Dictionary<string, string?> { ["NO_COLOR"] = "1" }, outputRedirected: false));
        Assert.False(BuildConsole.ShouldColor(new Dictionary<string, string?> { ["TERM"] = "dumb" }, outputRedirected: false));
    }

    class Clashing : NukeBuild
    {
        [Parameter] readonly bool Force;
        Target Run => _ => _.Executes(() => { });
    }

    [Fact]
    public async Task A_parameter_clashing_with_a_built_in_is_reported()
    {
        var result = await BuildHarness.RunAsync<Clashing>(root, "Run");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(["Parameter 'Force' clashes with the built-in --force: rename it or set [Parameter(Name = ...)]."], result.Lines);
    }

    [Fact]
    public async Task Without_a_nuke_folder_the_root_cannot_be_found()
    {
        var bare = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), "engine-tests", "bare-" + Guid.NewGuid().ToString("N"))).CreateDirectory();
        try
        {
            var output = new StringWriter();
            var report = await BuildRunner.RunAsync<Chatty>(new BuildInvocation(["Talk"], new Dictionary<string, string?>(), bare, output));

            Assert.Equal(BuildReport.InvalidInput, report.ExitCode);
            Assert.StartsWith("No .nuke folder in ", output.ToString());
        }
        finally
        {
            bare.DeleteDirectory();
        }
    }
}
