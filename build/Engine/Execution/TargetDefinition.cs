using System.Linq.Expressions;
using System.Text.RegularExpressions;

namespace BuildGraph;

/// <summary>What a target's fluent declaration collected; read by the planner and the executor.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<Condition> StaticConditions { get; } = [];
    public List<Condition> DynamicConditions { get; } = [];
    public List<LambdaExpression> Requirements { get; } = [];
    public DependencyBehavior DependencyBehavior { get; private set; } = DependencyBehavior.Skip;
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }
    public bool IsParallel { get; private set; }
    public List<Func<CancellationToken, Task>> Actions { get; } = [];
    public List<string> InputGlobs { get; } = [];
    public List<Func<IEnumerable<AbsolutePath>>> InputFiles { get; } = [];
    public List<Expression<Func<object?>>> InputValueExpressions { get; } = [];
    public List<string> OutputGlobs { get; } = [];

    public bool IsIncremental => InputGlobs.Count > 0 || InputFiles.Count > 0 || InputValueExpressions.Count > 0 || OutputGlobs.Count > 0;

    ITargetDefinition Add<T>(List<T> list, IEnumerable<T> items)
    {
        list.AddRange(items);
        return this;
    }

    public ITargetDefinition Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    public ITargetDefinition DependsOn(params Target[] targets) => Add(DependsOnTargets, targets);
    public ITargetDefinition DependentFor(params Target[] targets) => Add(DependentForTargets, targets);
    public ITargetDefinition After(params Target[] targets) => Add(AfterTargets, targets);
    public ITargetDefinition Before(params Target[] targets) => Add(BeforeTargets, targets);
    public ITargetDefinition Triggers(params Target[] targets) => Add(TriggersTargets, targets);
    public ITargetDefinition TriggeredBy(params Target[] targets) => Add(TriggeredByTargets, targets);
    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? conditionExpression = null) =>
        Add(StaticConditions, [Condition.Of(condition, conditionExpression)]);
    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string? conditionExpression = null) =>
        Add(DynamicConditions, [Condition.Of(condition, conditionExpression)]);
    public ITargetDefinition Requires<T>(Expression<Func<T>> parameterRequirement, params Expression<Func<T>>[] parameterRequirements) where T : class? =>
        Add(Requirements, [parameterRequirement, .. parameterRequirements]);
    public ITargetDefinition Requires<T>(Expression<Func<T?>> parameterRequirement, params Expression<Func<T?>>[] parameterRequirements) where T : struct =>
        Add(Requirements, [parameterRequirement, .. parameterRequirements]);
    public ITargetDefinition Requires(Expression<Func<bool>> requirement, params Expression<Func<bool>>[] requirements) =>
        Add(Requirements, [requirement, .. requirements]);

    public ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior)
    {
        DependencyBehavior = dependencyBehavior;
        return this;
    }

    public ITargetDefinition ProceedAfterFailure()
    {
        IsProceedAfterFailure = true;
        return this;
    }

    public ITargetDefinition AssuredAfterFailure()
    {
        IsAssuredAfterFailure = true;
        return this;
    }

    public ITargetDefinition Unlisted()
    {
        IsUnlisted = true;
        return this;
    }

    public ITargetDefinition Parallel()
    {
        IsParallel = true;
        return this;
    }

    public ITargetDefinition Executes(params Action[] actions)
    {
        foreach (var action in actions)
            Executes(_ =>
            {
                action();
                return Task.CompletedTask;
            });
        return this;
    }

    // Nuke discards the result; a Task result (e.g. Task<T>) is awaited here, where Nuke would drop it unawaited.
    public ITargetDefinition Executes<T>(Func<T> action) => Executes(async _ =>
    {
        if (action() is Task task)
            await task;
    });

    public ITargetDefinition Executes(Func<Task> action) => Executes(_ => action());

    // Beyond Nuke: reached through BuildGraph.Extensions.TargetDefinitionExtensions, not through ITargetDefinition.
    public ITargetDefinition Executes(Func<CancellationToken, Task> action)
    {
        Actions.Add(action);
        return this;
    }

    public ITargetDefinition Inputs(params string[] globs) => Add(InputGlobs, globs);
    public ITargetDefinition Inputs(Func<IEnumerable<AbsolutePath>> files) => Add(InputFiles, [files]);
    public ITargetDefinition InputValues(params Expression<Func<object?>>[] values) => Add(InputValueExpressions, values);
    public ITargetDefinition Outputs(params string[] globs) => Add(OutputGlobs, globs);
}

/// <summary>An OnlyWhen condition and its source text (from [CallerArgumentExpression], as Nuke): the reason shown when it is false.</summary>
internal sealed record Condition(string Text, Func<bool> Holds)
{
    public static Condition Of(Func<bool> holds, string? expression) => new(Describe(expression), holds);

    // "() => IsServerBuild" reads "IsServerBuild"; line breaks and runs of spaces become one space.
    static string Describe(string? expression) =>
        Regex.Replace(Regex.Replace(expression ?? "<condition>", @"\s+", " ").Trim(), @"^\(\s*\)\s*=>\s*", "");
}
