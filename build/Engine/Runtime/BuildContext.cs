using System.Collections.Concurrent;
using Serilog.Events;

namespace BuildGraph;

/// <summary>
/// The running build as seen from anywhere in its async flow: where log lines go, which secrets
/// to mask, and the Ctrl-C token. Ambient (AsyncLocal) so several builds can run in one process
/// (the engine's tests) and so target code can use Serilog's static Log like in Nuke.
/// </summary>
internal sealed class BuildContext(BuildConsole console, SecretMasker masker, CancellationToken abort)
{
    static readonly AsyncLocal<BuildContext?> current = new();

    public static BuildContext? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    public BuildConsole Console { get; } = console;

    public SecretMasker Masker { get; } = masker;

    /// <summary>Cancelled on Ctrl-C / SIGTERM.</summary>
    public CancellationToken Abort { get; } = abort;

    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    public LogEventLevel MinimumLevel => Verbosity switch
    {
        // As Nuke (Verbosity → LogLevel → LogEventLevel): quiet = errors, minimal = + warnings, normal = + information and
        // debug (tool output), verbose = everything.
        Verbosity.Quiet => LogEventLevel.Error,
        Verbosity.Minimal => LogEventLevel.Warning,
        Verbosity.Normal => LogEventLevel.Debug,
        _ => LogEventLevel.Verbose,
    };

    /// <summary>Targets may run concurrently, so their log lines carry the target's name.</summary>
    public bool PrefixTargetNames { get; set; }

    public AbsolutePath? RootDirectory { get; set; }

    /// <summary>Warnings and errors as written, repeated in a block before the summary.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();
}

/// <summary>The target whose body is running in this async flow, and the token it should observe.</summary>
internal sealed record TargetScope(ExecutableTarget Target, CancellationToken Token)
{
    static readonly AsyncLocal<TargetScope?> current = new();

    public static TargetScope? Current
    {
        get => current.Value;
        set => current.Value = value;
    }
}
