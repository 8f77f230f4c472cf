namespace BuildGraph;

/// <summary>Everything a build run takes from outside, so tests can run builds in-process.</summary>
internal sealed record BuildInvocation(
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    string WorkingDirectory,
    TextWriter Output)
{
    /// <summary>Where one-line input errors go; default: Output.</summary>
    public TextWriter? Error { get; init; }

    public bool Color { get; init; }

    /// <summary>Ctrl-C / SIGTERM.</summary>
    public CancellationToken Abort { get; init; }

    /// <summary>Masker shared with the process's console writers; a fresh one when null.</summary>
    public SecretMasker? Masker { get; init; }

    public TimeSpan AbortGrace { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>The outcome of a build run.</summary>
internal sealed record BuildReport(int ExitCode, IReadOnlyList<TargetReport> Targets, NukeBuild? Build)
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int InvalidInput = 2;
    public const int Aborted = 130;

    public ExecutionStatus StatusOf(string target) => Targets.Single(t => t.Name == target).Status;

    public TargetReport this[string target] => Targets.Single(t => t.Name == target);
}

internal sealed record TargetReport(string Name, ExecutionStatus Status, TimeSpan? Duration, string? Note);
