namespace BuildGraph;

/// <summary>
/// A target is a property of this delegate type on the build class:
/// <c>Target Compile => _ => _.DependsOn(Restore).Executes(() => ...);</c>
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition _);

/// <summary>What happens to a skipped target's dependencies that nothing else needs.</summary>
public enum DependencyBehavior
{
    Execute,
    Skip,
}

/// <summary>The state of a target in the summary table.</summary>
public enum ExecutionStatus
{
    Scheduled,
    Running,
    Succeeded,
    Failed,
    Skipped,
    UpToDate,
    NotRun,
    Aborted,
}

/// <summary>How much the build writes (<c>--verbosity</c>).</summary>
public enum Verbosity
{
    Quiet,
    Minimal,
    Normal,
    Verbose,
}
