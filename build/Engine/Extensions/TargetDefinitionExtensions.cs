namespace BuildGraph.Extensions;

/// <summary>
/// Beyond Nuke: what a target can declare here that Nuke.Common's ITargetDefinition has not. Kept out of
/// ITargetDefinition so a build on Nuke.Common needs only these files and their <c>using BuildGraph.Extensions;</c>.
/// </summary>
public static class TargetDefinitionExtensions
{
    /// <summary>A body that gets a token cancelled on Ctrl-C (a fresh one in an AssuredAfterFailure target after Ctrl-C).</summary>
    public static ITargetDefinition Executes(this ITargetDefinition target, Func<CancellationToken, Task> action) =>
        Definition(target).Executes(action);

    /// <summary>Incremental: root-relative globs ("site/src/**"; "!pattern" excludes) whose files make up the target's input.
    /// With Outputs, the target is UpToDate (and does not run) while inputs, values and outputs are as last time.</summary>
    public static ITargetDefinition Inputs(this ITargetDefinition target, params string[] globs) =>
        Definition(target).Inputs(globs);

    /// <summary>Incremental: the files that make up the target's input, computed when the target is about to run.</summary>
    public static ITargetDefinition Inputs(this ITargetDefinition target, Func<IEnumerable<AbsolutePath>> files) =>
        Definition(target).Inputs(files);

    /// <summary>Incremental: parameters or environment values that invalidate the previous result when they change.</summary>
    public static ITargetDefinition InputValues(this ITargetDefinition target, params System.Linq.Expressions.Expression<Func<object?>>[] values) =>
        Definition(target).InputValues(values);

    /// <summary>Incremental: root-relative globs of the files the target writes.</summary>
    public static ITargetDefinition Outputs(this ITargetDefinition target, params string[] globs) =>
        Definition(target).Outputs(globs);

    /// <summary>This target may run concurrently with independent targets even without --parallel.</summary>
    public static ITargetDefinition Parallel(this ITargetDefinition target) =>
        Definition(target).Parallel();

    static TargetDefinition Definition(ITargetDefinition target) =>
        target as TargetDefinition
        ?? throw new ArgumentException($"{target.GetType().Name} is not this engine's target definition; BuildGraph.Extensions works only on BuildGraph targets.", nameof(target));
}
