using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace BuildGraph;

/// <summary>The fluent surface a target is declared with; Nuke 10.1's ITargetDefinition, as far as this engine implements it
/// (member names, parameter shapes and defaults as Nuke's). What Nuke does not have (cancellation-aware Executes,
/// Inputs/Outputs/InputValues, Parallel) are extension methods in BuildGraph.Extensions.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    /// <summary>Execution edge: the given targets run before this one.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>Reverse execution edge: this target runs before the given ones whenever they run.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Ordering edge only: when both are planned, this target runs after the given ones.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Ordering edge only: when both are planned, this target runs before the given ones.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>The given targets join the plan and run after this one.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>This target joins the plan and runs after any of the given ones.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Evaluated before any target runs; false skips the target (reason: the condition's source text, as Nuke).</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? conditionExpression = null);

    /// <summary>Evaluated right before the target runs; false skips it.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? conditionExpression = null);

    /// <summary>The parameter must be set (not null, not empty); checked before any target runs.</summary>
    ITargetDefinition Requires<T>(Expression<Func<T>> parameterRequirement, params Expression<Func<T>>[] parameterRequirements) where T : class?; // class? where Nuke (nullable-oblivious) says class

    /// <summary>The parameter must be set; checked before any target runs.</summary>
    ITargetDefinition Requires<T>(Expression<Func<T?>> parameterRequirement, params Expression<Func<T?>>[] parameterRequirements) where T : struct;

    /// <summary>The condition must hold; checked before any target runs.</summary>
    ITargetDefinition Requires(Expression<Func<bool>> requirement, params Expression<Func<bool>>[] requirements);

    /// <summary>What happens to the dependencies when this target is skipped. Default (as Nuke): <see cref="DependencyBehavior.Skip"/>.</summary>
    ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior);

    /// <summary>A failure of this target does not stop the build (it still fails it); the targets after it run, its dependents too.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Runs even after another target failed or the build was cancelled (cleanup).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from --help (still invocable by name).</summary>
    ITargetDefinition Unlisted();

    ITargetDefinition Executes(params Action[] actions);

    ITargetDefinition Executes<T>(Func<T> action);

    ITargetDefinition Executes(Func<Task> action);
}

/// <summary>What happens to a skipped target's dependencies (Nuke's enum, same order: Skip is the default).</summary>
public enum DependencyBehavior
{
    /// <summary>Skip the dependencies no other scheduled target needs.</summary>
    Skip,

    /// <summary>Run the dependencies anyway.</summary>
    Execute,
}
