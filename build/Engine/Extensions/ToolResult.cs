namespace BuildGraph.Extensions;

/// <summary>A finished tool run: exit code and every output line (stdout and stderr, in arrival order, unmasked).</summary>
public sealed record ToolResult(int ExitCode, IReadOnlyList<string> Output)
{
    /// <summary>The tool as it was invoked, for messages.</summary>
    public string Tool { get; init; } = "tool";

    /// <summary>Throws a one-line error naming the tool and its exit code unless it exited with 0.</summary>
    public ToolResult AssertZeroExitCode()
    {
        if (ExitCode == 0)
            return this;
        var last = Output.LastOrDefault(line => !string.IsNullOrWhiteSpace(line))?.Trim();
        throw new ToolFailedException(Tool, ExitCode,
            $"'{Tool}' exited with code {ExitCode}" + (last is null ? "." : $": {last}"));
    }
}

/// <summary>A tool exited with a non-zero code.</summary>
public sealed class ToolFailedException(string tool, int exitCode, string message) : Exception(message)
{
    public string Tool { get; } = tool;
    public int ExitCode { get; } = exitCode;
}
