using System.Linq.Expressions;

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
    public List<Expression<Func<bool>>> StaticConditions { get; } = [];
    public List<Expression<Func<bool>>> DynamicConditions { get; } = [];
    public List<LambdaExpression> Requirements { get; } = [];
    public DependencyBehavior DependencyBehavior { get; private set; } = DependencyBehavior.Execute;
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
    public ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions) => Add(StaticConditions, conditions);
    public ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions) => Add(DynamicConditions, conditions);
    public ITargetDefinition Requires<T>(params Expression<Func<T?>>[] parameterRequirement) where T : class =>
        Add(Requirements, parameterRequirement);
    public ITargetDefinition Requires<T>(params Expression<Func<T?>>[] parameterRequirement) where T : struct =>
        Add(Requirements, parameterRequirement);
    public ITargetDefinition Requires(params Expression<Func<bool>>[] requirement) => Add(Requirements, requirement);

    public ITargetDefinition WhenSkipped(DependencyBehavior behavior)
    {
        DependencyBehavior = behavior;
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

    public ITargetDefinition Executes(Action action) => Executes(_ =>
    {
        action();
        return Task.CompletedTask;
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
