namespace BuildGraph.Tests;

public class ToolProcessTests
{
    [Fact]
    public async Task Returns_exit_code_and_captured_lines()
    {
        var result = await ToolProcess.RunAsync("sh", ["-c", "echo one; echo two; exit 4"], logOutput: false);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(["one", "two"], result.Output);
        var error = Assert.Throws<ToolFailedException>(() => result.AssertZeroExitCode());
        Assert.Equal("'sh' exited with code 4: two", error.Message);
    }

    [Fact]
    public async Task Passes_environment_and_working_directory()
    {
        var directory = AbsolutePath.Create(Path.GetTempPath());
        var result = await ToolProcess.RunAsync("sh", ["-c", "echo \"$GREETING\"; pwd"], directory,
            new Dictionary<string, string?> { ["GREETING"] = "hello there" }, logOutput: false);

        Assert.Equal(["hello there", Path.TrimEndingDirectorySeparator(Path.GetTempPath())], result.Output);
    }

    [Fact]
    public async Task A_missing_tool_is_one_clear_error()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ToolProcess.RunAsync("no-such-tool-xyz", [], logOutput: false));

        Assert.StartsWith("Cannot start 'no-such-tool-xyz':", error.Message);
    }

    [Fact]
    public async Task Cancelling_the_token_kills_the_process_promptly()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ToolProcess.RunAsync("sleep", ["30"], logOutput: false, cancellationToken: cancel.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }
}
