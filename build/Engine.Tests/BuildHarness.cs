using System.Collections.Concurrent;
using System.Linq.Expressions;

namespace BuildGraph.Tests;

/// <summary>A throwaway repository root (a temp folder with .nuke/) for one test.</summary>
internal sealed class TestRoot : IDisposable
{
    public TestRoot()
    {
        Path = AbsolutePath.Create(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engine-tests", Guid.NewGuid().ToString("N")));
        (Path / ".nuke").CreateDirectory();
    }

    public AbsolutePath Path { get; }

    public AbsolutePath Write(string relative, string content) => (Path / relative).WriteAllText(content);

    public void Dispose()
    {
        try
        {
            Path.DeleteDirectory();
        }
        catch (IOException)
        {
            // a killed child may still hold a file for a moment; the temp folder is disposable anyway
        }
    }
}

/// <summary>Runs a build in-process with given arguments and environment, capturing everything it writes.</summary>
internal static class BuildHarness
{
    public sealed record Result(BuildReport Report, string Output)
    {
        public int ExitCode => Report.ExitCode;
        public ExecutionStatus this[string target] => Report.StatusOf(target);
        public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task<Result> RunAsync<T>(
        TestRoot root,
        string[] arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken abort = default,
        params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild, new()
    {
        var output = new StringWriter();
        var invocation = new BuildInvocation(arguments, environment ?? new Dictionary<string, string?>(), root.Path, output)
        {
            Abort = abort,
            AbortGrace = TimeSpan.FromSeconds(2),
        };
        var report = await BuildRunner.RunAsync(invocation, defaultTargets);
        return new Result(report, output.ToString());
    }

    public static Task<Result> RunAsync<T>(TestRoot root, params string[] arguments) where T : NukeBuild, new() =>
        RunAsync<T>(root, arguments, null, default);
}

/// <summary>A build base that records which target bodies ran, in order.</summary>
public abstract class RecordingBuild : NukeBuild
{
    readonly ConcurrentQueue<string> executed = new();

    public IReadOnlyList<string> Executed => executed.ToList();

    protected void Ran(string name) => executed.Enqueue(name);
}
