using System.Diagnostics;

namespace BuildTests;

/// <summary>Runs a command to completion and keeps its output, for tests of scripts and git checkouts.</summary>
static class Shell
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string workingDirectory, string file, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null, bool clearEnvironment = false, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (clearEnvironment)
            start.Environment.Clear();
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(key); else start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in {limit.TotalMinutes:0.#} minutes.");
        }
        return new(process.ExitCode, output.Result, error.Result);
    }

    public static string Git(string workingDirectory, params string[] arguments)
    {
        var result = Run(workingDirectory, "git", arguments, new Dictionary<string, string?>
        {
            ["GIT_AUTHOR_NAME"] = "Test", ["GIT_AUTHOR_EMAIL"] = "test@example.com",
            ["GIT_COMMITTER_NAME"] = "Test", ["GIT_COMMITTER_EMAIL"] = "test@example.com",
        });
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {result.Error}");
        return result.Output.Trim();
    }
}
