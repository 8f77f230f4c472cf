namespace BuildGraph;

/// <summary>
/// Marks planned targets Skipped before anything runs, as Nuke's BuildExecutor does: --skip, then static conditions,
/// and with each skip (WhenSkipped(Skip), the default) the dependencies and triggered targets no other scheduled target
/// needs. An invoked target is never skipped by --skip; a false static condition skips it, yet it still counts as
/// scheduled while the others are decided.
/// </summary>
internal static class SkipPlanner
{
    /// <param name="skip">null: no --skip; empty: every target not invoked; else the targets named.</param>
    public static void Apply(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ExecutableTarget>? skip)
    {
        if (skip is not null)
        {
            foreach (var target in plan.Where(t => skip.Count == 0 || skip.Contains(t)))
                Skip(plan, target, "--skip");
        }

        var invokedButFalse = new List<(ExecutableTarget Target, string Reason)>();
        foreach (var target in plan.Where(t => t.Status == ExecutionStatus.Scheduled))
        {
            if (FalseConditions(target.Definition.StaticConditions) is not { } reason)
                continue;
            if (target.Invoked)
                invokedButFalse.Add((target, reason));
            Skip(plan, target, reason);
        }
        foreach (var (target, reason) in invokedButFalse)
            MarkSkipped(target, reason);
    }

    /// <summary>After a dynamic condition skipped a target: its triggered targets nothing else needs are skipped too.</summary>
    public static void AfterDynamicSkip(IReadOnlyList<ExecutableTarget> plan, ExecutableTarget target) =>
        SkipExclusiveDependencies(plan, target);

    /// <summary>The texts of the conditions that do not hold, joined by " &amp;&amp; " (as Nuke), or null when all hold.</summary>
    public static string? FalseConditions(IEnumerable<Condition> conditions)
    {
        var violated = new List<string>();
        foreach (var condition in conditions)
        {
            try
            {
                if (!condition.Holds())
                    violated.Add(condition.Text);
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException($"Condition '{condition.Text}' threw: {exception.Message}", exception);
            }
        }
        return violated.Count == 0 ? null : string.Join(" && ", violated);
    }

    static void Skip(IReadOnlyList<ExecutableTarget> plan, ExecutableTarget target, string reason)
    {
        if (target.Status != ExecutionStatus.Scheduled)
            return;
        // An invoked target stays scheduled: --skip never skips it; a false condition does once all are decided.
        if (!target.Invoked)
            MarkSkipped(target, reason);
        SkipExclusiveDependencies(plan, target);
    }

    static void SkipExclusiveDependencies(IReadOnlyList<ExecutableTarget> plan, ExecutableTarget target)
    {
        if (target.Definition.DependencyBehavior == DependencyBehavior.Execute)
            return;
        bool NeededElsewhere(ExecutableTarget dependency) => plan.Any(other =>
            other != target && other.Status == ExecutionStatus.Scheduled
            && (other.ExecutionDependencies.Contains(dependency) || other.TriggeredTargets.Contains(dependency)));

        var exclusive = target.ExecutionDependencies.Concat(target.TriggeredTargets).Where(plan.Contains).Where(d => !NeededElsewhere(d)).ToList();
        foreach (var dependency in exclusive)
            Skip(plan, dependency, $"because of {target.Name}");
    }

    static void MarkSkipped(ExecutableTarget target, string reason)
    {
        target.Status = ExecutionStatus.Skipped;
        target.Note ??= reason;
    }
}
