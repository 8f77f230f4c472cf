namespace BuildGraph;

/// <summary>
/// Turns invoked targets into an ordered plan: execution edges (DependsOn, DependentFor, Triggers,
/// TriggeredBy) bring targets in; ordering edges (After, Before) only order the ones already in.
/// </summary>
internal static class ExecutionPlanner
{
    /// <summary>Names match ignoring case, hyphens and underscores: "package-site" is PackageSite.</summary>
    public static string Normalize(string name) =>
        new string(name.Where(c => c is not ('-' or '_')).ToArray()).ToLowerInvariant();

    public static ExecutableTarget Resolve(IReadOnlyList<ExecutableTarget> targets, string name)
    {
        if (targets.FirstOrDefault(t => Normalize(t.Name) == Normalize(name)) is { } target)
            return target;
        var listed = targets.Where(t => !t.Definition.IsUnlisted).Select(t => t.Name).ToList();
        var likely = NameStyle.Suggest(name, listed) is { } suggestion ? $" Did you mean '{suggestion}'?" : "";
        throw new BuildInputException($"Unknown target '{name}'.{likely} Available: {string.Join(", ", listed)}.");
    }

    public static IReadOnlyList<ExecutableTarget> Plan(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ExecutableTarget> invoked)
    {
        var planned = Closure(invoked);
        var order = new List<ExecutableTarget>();
        var done = new HashSet<ExecutableTarget>();
        var path = new List<ExecutableTarget>();

        void Visit(ExecutableTarget target)
        {
            if (done.Contains(target))
                return;
            var cycleStart = path.IndexOf(target);
            if (cycleStart >= 0)
            {
                var members = path.Skip(cycleStart).Append(target).Select(t => t.Name);
                throw new BuildInputException($"Circular dependency: {string.Join(" -> ", members)}.");
            }
            path.Add(target);
            foreach (var predecessor in target.Predecessors.Where(planned.Contains))
                Visit(predecessor);
            path.RemoveAt(path.Count - 1);
            done.Add(target);
            order.Add(target);
        }

        foreach (var target in invoked)
            Visit(target);
        foreach (var target in targets.Where(planned.Contains))
            Visit(target);
        return order;
    }

    static HashSet<ExecutableTarget> Closure(IEnumerable<ExecutableTarget> invoked)
    {
        var planned = new HashSet<ExecutableTarget>();
        var queue = new Queue<ExecutableTarget>(invoked);
        while (queue.TryDequeue(out var target))
        {
            if (!planned.Add(target))
                continue;
            foreach (var next in target.ExecutionDependencies.Concat(target.TriggeredTargets))
                queue.Enqueue(next);
        }
        return planned;
    }
}

/// <summary>A problem with the invocation (targets, parameters, requirements): one line, nothing runs.</summary>
internal sealed class BuildInputException(string message) : Exception(message);
