using System.Linq.Expressions;

namespace BuildGraph;

/// <summary>
/// Marks planned targets Skipped before anything runs: --skip, static conditions, and then the
/// dependencies that only skipped WhenSkipped(Skip) targets needed.
/// </summary>
internal static class SkipPlanner
{
    /// <param name="skip">null: no --skip; empty: every target not invoked; else the targets named.</param>
    public static void Apply(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ExecutableTarget>? skip)
    {
        foreach (var target in plan)
        {
            if (skip is not null && (skip.Count == 0 ? !target.IsInvoked : skip.Contains(target)))
                MarkSkipped(target, "--skip");
            else if (FirstFalse(target.Definition.StaticConditions) is { } condition)
                MarkSkipped(target, condition);
        }
        PropagateToExclusiveDependencies(plan);
    }

    /// <summary>The text of the first condition that does not hold, or null when all hold.</summary>
    public static string? FirstFalse(IEnumerable<Expression<Func<bool>>> conditions)
    {
        foreach (var condition in conditions)
        {
            bool holds;
            try
            {
                holds = condition.Compile(preferInterpretation: true)();
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException($"Condition '{ExpressionText.Of(condition)}' threw: {exception.Message}", exception);
            }
            if (!holds)
                return ExpressionText.Of(condition);
        }
        return null;
    }

    static void MarkSkipped(ExecutableTarget target, string reason)
    {
        target.Status = ExecutionStatus.Skipped;
        target.Note = reason;
    }

    // A dependency of a skipped WhenSkipped(Skip) target is skipped too when every planned target
    // needing it is skipped; the skip then travels down its own exclusive dependencies.
    static void PropagateToExclusiveDependencies(IReadOnlyList<ExecutableTarget> plan)
    {
        var spreading = new Queue<ExecutableTarget>(plan.Where(t =>
            t.Status == ExecutionStatus.Skipped && t.Definition.DependencyBehavior == DependencyBehavior.Skip));
        while (spreading.TryDequeue(out var skipped))
        {
            foreach (var dependency in skipped.ExecutionDependencies)
            {
                if (dependency.Status != ExecutionStatus.Scheduled || dependency.IsInvoked)
                    continue;
                var neededElsewhere = plan.Any(t => t.Status != ExecutionStatus.Skipped && t.ExecutionDependencies.Contains(dependency));
                if (neededElsewhere)
                    continue;
                MarkSkipped(dependency, $"only needed by skipped {skipped.Name}");
                spreading.Enqueue(dependency);
            }
        }
    }
}
