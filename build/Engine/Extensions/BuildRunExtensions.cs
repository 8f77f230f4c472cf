namespace BuildGraph.Extensions;

/// <summary>
/// Beyond Nuke: what a build can ask about its own run that Nuke.Common's NukeBuild answers differently or not at all.
/// Extension methods, so a build says <c>this.StatusOf(…)</c> and a move to Nuke.Common keeps these lines with this file.
/// </summary>
public static class BuildRunExtensions
{
    /// <summary>The names of the targets named on the command line, or the default target's when none was named
    /// (Nuke's InvokedTargets is empty then).</summary>
    public static IReadOnlyCollection<string> InvokedTargetNames(this NukeBuild build) => build.Runtime.RequestedTargets;

    /// <summary>The targets named after --skip. Empty when --skip named none (then every target not invoked is skipped)
    /// or was not given, so a build can tell "skip this one" from "skip what I did not ask for".</summary>
    public static IReadOnlyCollection<string> SkippedByName(this NukeBuild build) => build.Runtime.SkippedByName;

    /// <summary>What happened to a target of this run so far, null when it is not in the plan (Nuke: ExecutionPlan's
    /// ExecutableTarget.Status). A target skipped by --skip or a static condition is Skipped before any runs;
    /// an incremental target whose inputs and outputs did not change is UpToDate.</summary>
    public static ExecutionStatus? StatusOf(this NukeBuild build, string targetName) =>
        build.Runtime.Plan.FirstOrDefault(t => t.Name == targetName)?.Status;

    /// <summary>The target succeeded in this run, or was UpToDate (an incremental target whose previous success stands).</summary>
    public static bool HasSucceeded(this NukeBuild build, string targetName) =>
        build.StatusOf(targetName) is ExecutionStatus.Succeeded or ExecutionStatus.UpToDate;

    /// <summary>--force was given: incremental targets run anyway, and targets may use it to lift their own safety caps.</summary>
    public static bool IsForced(this NukeBuild build) => build.Runtime.IsForced;

    /// <summary>Cancelled on Ctrl-C. In a cleanup (AssuredAfterFailure) target after Ctrl-C, a fresh token.
    /// ToolProcess.RunAsync and Executes(ct => …) already use it; this is for other cancellable work.</summary>
    public static CancellationToken AbortToken(this NukeBuild build) => TargetScope.Current?.Token ?? build.Runtime.Context.Abort;
}
