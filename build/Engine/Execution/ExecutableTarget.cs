namespace BuildGraph;

/// <summary>A target of one build run: its declaration, resolved edges, and what happened to it.</summary>
internal sealed class ExecutableTarget(string name, int index, TargetDefinition definition)
{
    public string Name { get; } = name;

    /// <summary>Declaration order on the build class; breaks ties so plans are deterministic.</summary>
    public int Index { get; } = index;

    public TargetDefinition Definition { get; } = definition;

    /// <summary>Execution edges: DependsOn plus targets declaring DependentFor(this).</summary>
    public List<ExecutableTarget> ExecutionDependencies { get; } = [];

    /// <summary>Targets that trigger this one (Triggers(this) or this.TriggeredBy(them)).</summary>
    public List<ExecutableTarget> TriggerSources { get; } = [];

    /// <summary>Targets this one brings into the plan after itself.</summary>
    public List<ExecutableTarget> TriggeredTargets { get; } = [];

    /// <summary>Ordering edges: After plus targets declaring Before(this); only apply when both are planned.</summary>
    public List<ExecutableTarget> OrderingDependencies { get; } = [];

    public bool IsDefault { get; set; }
    public bool IsInvoked { get; set; }

    public ExecutionStatus Status { get; set; } = ExecutionStatus.Scheduled;
    public TimeSpan? Duration { get; set; }

    /// <summary>Why it was skipped, the error, or what the target reported.</summary>
    public string? Note { get; set; }

    public bool IsFinished => Status is not (ExecutionStatus.Scheduled or ExecutionStatus.Running);

    public bool HasFailedOrDidNotRun => Status is ExecutionStatus.Failed or ExecutionStatus.NotRun or ExecutionStatus.Aborted;

    /// <summary>Everything that must finish before this target starts (all edge kinds).</summary>
    public IEnumerable<ExecutableTarget> Predecessors =>
        ExecutionDependencies.Concat(TriggerSources).Concat(OrderingDependencies);

    public override string ToString() => Name;
}
