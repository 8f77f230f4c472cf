namespace BuildGraph;

/// <summary>
/// A target is a property of this delegate type on the build class:
/// <c>Target Compile => _ => _.DependsOn(Restore).Executes(() => ...);</c>
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition _);

/// <summary>The state of a target (Nuke's members and order; UpToDate is this engine's, for incremental targets).</summary>
public enum ExecutionStatus
{
    Scheduled = 1,
    NotRun,
    Skipped,
    Succeeded,
    Failed,
    Running,
    Aborted,
    UpToDate = 100,
}

/// <summary>How much the build writes (<c>--verbosity</c>); Nuke's members and order.</summary>
public enum Verbosity
{
    Verbose,
    Normal,
    Minimal,
    Quiet,
}
