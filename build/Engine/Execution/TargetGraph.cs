using System.Reflection;

namespace BuildGraph;

/// <summary>
/// Finds the Target properties of a build (public or not, inherited too), runs each declaration
/// once, and resolves the delegates it names into edges between targets.
/// </summary>
internal static class TargetGraph
{
    const BindingFlags InstanceMembers = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>Target properties in declaration order, base classes first.</summary>
    public static IReadOnlyList<PropertyInfo> TargetProperties(Type buildType)
    {
        var hierarchy = new List<Type>();
        for (var type = buildType; type is not null && type != typeof(NukeBuild); type = type.BaseType)
            hierarchy.Insert(0, type);
        return hierarchy
            .SelectMany(type => type.GetProperties(InstanceMembers))
            .Where(property => property.PropertyType == typeof(Target) && property.GetMethod is not null)
            .GroupBy(property => property.Name).Select(group => group.Last()) // an override replaces the base declaration
            .ToList();
    }

    public static IReadOnlyList<ExecutableTarget> Create(NukeBuild build)
    {
        var properties = TargetProperties(build.GetType());
        var targets = new List<ExecutableTarget>();
        // Each getter call returns an equal delegate (same method, same target), so delegates identify targets.
        var byDelegate = new Dictionary<Delegate, ExecutableTarget>();
        foreach (var property in properties)
        {
            var factory = (Target?)property.GetValue(build)
                ?? throw new InvalidOperationException($"Target '{property.Name}' returns null: declare it as `Target {property.Name} => _ => _...`.");
            var definition = new TargetDefinition();
            factory(definition);
            var target = new ExecutableTarget(property.Name, targets.Count, definition);
            targets.Add(target);
            byDelegate.TryAdd(factory, target);
        }

        ExecutableTarget Resolve(ExecutableTarget owner, Target reference) =>
            byDelegate.TryGetValue(reference, out var found)
                ? found
                : throw new InvalidOperationException(
                    $"Target '{owner.Name}' refers to a target that is not a Target property of {build.GetType().Name}.");

        foreach (var target in targets)
        {
            var definition = target.Definition;
            foreach (var dependency in definition.DependsOnTargets.Select(t => Resolve(target, t)))
                AddOnce(target.ExecutionDependencies, dependency);
            foreach (var dependent in definition.DependentForTargets.Select(t => Resolve(target, t)))
                AddOnce(dependent.ExecutionDependencies, target);
            foreach (var triggered in definition.TriggersTargets.Select(t => Resolve(target, t)))
                Link(source: target, triggered);
            foreach (var source in definition.TriggeredByTargets.Select(t => Resolve(target, t)))
                Link(source, triggered: target);
            foreach (var before in definition.AfterTargets.Select(t => Resolve(target, t)))
                AddOnce(target.OrderingDependencies, before);
            foreach (var after in definition.BeforeTargets.Select(t => Resolve(target, t)))
                AddOnce(after.OrderingDependencies, target);
        }
        return targets;
    }

    static void Link(ExecutableTarget source, ExecutableTarget triggered)
    {
        AddOnce(source.TriggeredTargets, triggered);
        AddOnce(triggered.TriggerSources, source);
    }

    static void AddOnce(List<ExecutableTarget> list, ExecutableTarget target)
    {
        if (!list.Contains(target))
            list.Add(target);
    }
}
