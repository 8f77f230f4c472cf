using System.Linq.Expressions;

namespace BuildGraph;

/// <summary>The fluent surface a target is declared with; mirrors Nuke's ITargetDefinition. What Nuke does not have
/// (cancellation-aware Executes, Inputs/Outputs/InputValues, Parallel) are extension methods in BuildGraph.Extensions.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    /// <summary>Execution edge: the given targets run (and must succeed) before this one.</summary>
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

    /// <summary>Evaluated before any target runs; false skips the target (reason: the condition's text).</summary>
    ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions);

    /// <summary>Evaluated right before the target runs; false skips it.</summary>
    ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions);

    /// <summary>The parameter must be set; checked before any target runs.</summary>
    ITargetDefinition Requires<T>(params Expression<Func<T?>>[] parameterRequirement) where T : class;

    /// <summary>The parameter must be set; checked before any target runs.</summary>
    ITargetDefinition Requires<T>(params Expression<Func<T?>>[] parameterRequirement) where T : struct;

    /// <summary>The condition must hold; checked before any target runs.</summary>
    ITargetDefinition Requires(params Expression<Func<bool>>[] requirement);

    ITargetDefinition WhenSkipped(DependencyBehavior behavior);

    /// <summary>A failure of this target does not stop the build; after another target's failure it still runs when its dependencies succeeded.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Runs even after other targets failed or the build was cancelled (cleanup).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from --help (still invocable by name).</summary>
    ITargetDefinition Unlisted();

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Func<Task> action);
}
