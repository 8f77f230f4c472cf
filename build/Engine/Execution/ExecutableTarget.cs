namespace BuildGraph;

/// <summary>A target of one build run: its declaration, resolved edges, and what happened to it. Public as Nuke's
/// ExecutableTarget (what <see cref="NukeBuild.InvokedTargets"/> and <see cref="NukeBuild.ExecutionPlan"/> hold), with the
/// members a build reads; the graph's wiring stays internal.</summary>
public sealed class ExecutableTarget
{
    internal ExecutableTarget(string name, int index, TargetDefinition definition)
    {
        Name = name;
        Index = index;
        Definition = definition;
    }

    public string Name { get; }

    public string? Description => Definition.DescriptionText;

    /// <summary>A default target of Execute&lt;T&gt;(x => x.Default).</summary>
    public bool IsDefault { get; internal set; }

    /// <summary>Named on the command line (or by --target). As in Nuke, the default target is not invoked when it runs
    /// because no target was named.</summary>
    public bool Invoked { get; internal set; }

    public ExecutionStatus Status { get; internal set; } = ExecutionStatus.Scheduled;

    public TimeSpan Duration => Elapsed ?? TimeSpan.Zero;

    /// <summary>How long it ran; null when it did not start (the summary then shows no time).</summary>
    internal TimeSpan? Elapsed { get; set; }

    /// <summary>Declaration order on the build class; breaks ties so plans are deterministic.</summary>
    internal int Index { get; }

    internal TargetDefinition Definition { get; }

    /// <summary>Execution edges: DependsOn plus targets declaring DependentFor(this).</summary>
    internal List<ExecutableTarget> ExecutionDependencies { get; } = [];

    /// <summary>Targets that trigger this one (Triggers(this) or this.TriggeredBy(them)).</summary>
    internal List<ExecutableTarget> TriggerSources { get; } = [];

    /// <summary>Targets this one brings into the plan after itself.</summary>
    internal List<ExecutableTarget> TriggeredTargets { get; } = [];

    /// <summary>Ordering edges: After plus targets declaring Before(this); only apply when both are planned.</summary>
    internal List<ExecutableTarget> OrderingDependencies { get; } = [];

    /// <summary>Why it was skipped, the error, or what the target reported.</summary>
    internal string? Note { get; set; }

    internal bool IsFinished => Status is not (ExecutionStatus.Scheduled or ExecutionStatus.Running);

    /// <summary>Everything that must finish before this target starts (all edge kinds), each once.</summary>
    internal IEnumerable<ExecutableTarget> Predecessors =>
        ExecutionDependencies.Concat(TriggerSources).Concat(OrderingDependencies).Distinct();

    public override string ToString() => Name;
}
