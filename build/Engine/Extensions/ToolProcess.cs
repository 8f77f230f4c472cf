using System.ComponentModel;
using System.Diagnostics;
using Serilog;

namespace BuildGraph.Extensions;

/// <summary>Beyond Nuke (Nuke has ProcessTasks.StartProcess returning IProcess): runs command-line tools for targets, async,
/// output logged line by line (masked), process tree killed on cancel.</summary>
public static class ToolProcess
{
    /// <summary>
    /// Runs <paramref name="tool"/> (a name on PATH or a path). Each output line is logged at Debug unless
    /// <paramref name="logOutput"/> is false. The process and its children are killed when the token is
    /// cancelled or the build is aborted; the call then throws OperationCanceledException.
    /// </summary>
    /// <param name="environment">Added to the current environment; a null value removes a variable.</param>
    /// <param name="workingDirectory">Default: the build's root directory (outside a build, the current directory).</param>
    public static async Task<ToolResult> RunAsync(
        string tool,
        IEnumerable<string> arguments,
        AbsolutePath? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        bool logOutput = true,
        CancellationToken cancellationToken = default)
    {
        var argumentList = arguments.ToList();
        var buildToken = TargetScope.Current?.Token ?? BuildContext.Current?.Abort ?? CancellationToken.None;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, buildToken);
        var token = linked.Token;
        token.ThrowIfCancellationRequested();

        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory ?? BuildContext.Current?.RootDirectory ?? Directory.GetCurrentDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in argumentList)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        var commandLine = string.Join(" ", argumentList.Prepend(tool).Select(Quote));
        if (logOutput)
            Log.Information("> {CommandLine}", commandLine);
        else
            Log.Debug("> {CommandLine}", commandLine);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"Cannot start '{tool}': {exception.Message}. Install it or put it on PATH.", exception);
        }
        process.StandardInput.Close(); // a tool waiting for input would otherwise hang the build

        var output = new List<string>();
        var pumps = new[]
        {
            Task.Run(() => PumpAsync(process.StandardOutput, output, logOutput), CancellationToken.None),
            Task.Run(() => PumpAsync(process.StandardError, output, logOutput), CancellationToken.None),
        };
        await using (token.Register(() => Kill(process)))
        {
            await process.WaitForExitAsync(CancellationToken.None);
            // A grandchild left running in the background may hold the pipes open: do not wait on it forever.
            await Task.WhenAny(Task.WhenAll(pumps), Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        }
        if (token.IsCancellationRequested)
            throw new OperationCanceledException($"'{tool}' was stopped: the build was cancelled.", token);

        lock (output)
            return new ToolResult(process.ExitCode, output.ToList()) { Tool = tool };
    }

    static async Task PumpAsync(StreamReader reader, List<string> output, bool logOutput)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
                output.Add(line);
            if (logOutput)
                Log.Debug("{Line}", line);
        }
    }

    static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // already exited
        }
    }

    static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? argument : $"\"{argument.Replace("\"", "\\\"")}\"";
}
