namespace BuildGraph;

/// <summary>
/// Base class of a build: its Target properties form the graph, its [Parameter] members the command line.
/// <c>static int Main() => Execute&lt;Build&gt;(x => x.Default);</c>
/// </summary>
public abstract partial class NukeBuild
{
    readonly BuildRuntime? runtime;

    protected NukeBuild()
    {
        // The runner provides the runtime while it constructs the build, so field initializers
        // may already use RootDirectory or Host.
        runtime = BuildRuntime.Constructing;
    }

    internal BuildRuntime Runtime => runtime
        ?? throw new InvalidOperationException($"{GetType().Name} is not running: start it with NukeBuild.Execute<{GetType().Name}>(...).");

    /// <summary>The folder containing .nuke/ (searched upward from the working directory, or --root).</summary>
    public AbsolutePath RootDirectory => Runtime.RootDirectory;

    /// <summary>RootDirectory/.nuke/temp, ignored by git.</summary>
    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    public Host Host => Runtime.Host;

    public bool IsLocalBuild => Host is Terminal;

    public bool IsServerBuild => !IsLocalBuild;

    /// <summary>The run's targets in execution order (Nuke's ExecutionPlan); empty until the plan is made.</summary>
    public IReadOnlyCollection<ExecutableTarget> ExecutionPlan => Runtime.Plan;

    /// <summary>The targets named on the command line, as Nuke: empty when the default target runs because none was named
    /// (BuildGraph.Extensions.BuildRunExtensions.InvokedTargetNames answers the default target then).</summary>
    public IReadOnlyCollection<ExecutableTarget> InvokedTargets => ExecutionPlan.Where(t => t.Invoked).ToList();

    /// <summary>The planned targets skipped so far (by --skip, a condition, or as the exclusive dependency of a skipped one).</summary>
    public IReadOnlyCollection<ExecutableTarget> SkippedTargets => ExecutionPlan.Where(t => t.Status == ExecutionStatus.Skipped).ToList();

    /// <summary>No target has failed, been aborted or been left unrun after a failure (so far); Nuke's name and meaning.</summary>
    public bool IsSucceeding => !IsFailing;

    /// <summary>A target has failed, been aborted or been left unrun after a failure (Nuke: Failed, Aborted or NotRun).</summary>
    public bool IsFailing => Runtime.Plan.Any(t => t.Status is ExecutionStatus.Failed or ExecutionStatus.Aborted or ExecutionStatus.NotRun);

    /// <summary>Nuke's override of the exit code: when set (e.g. in OnBuildFinished), the run returns it instead of its own.</summary>
    public int? ExitCode { get; set; }

    public Verbosity Verbosity => Runtime.Context.Verbosity;

    /// <summary>After parameters are injected, before the plan's conditions are evaluated and targets run.</summary>
    protected virtual void OnBuildInitialized()
    {
    }

    /// <summary>After the summary has been written: whatever this writes is the last output.</summary>
    protected virtual void OnBuildFinished()
    {
    }

    /// <summary>Nuke's ReportSummary: pairs shown as "key: value, …" in the current target's row of the summary table,
    /// e.g. <c>ReportSummary(_ => _.AddPair("Version", version))</c>. Null or no pairs clears the note.</summary>
    public void ReportSummary(Configure<Dictionary<string, string>>? configurator = null)
    {
        var scope = TargetScope.Current
            ?? throw new InvalidOperationException("ReportSummary must be called from a target's Executes body.");
        var pairs = configurator?.Invoke(new Dictionary<string, string>()) ?? [];
        scope.Target.Note = pairs.Count == 0 ? null : string.Join(", ", pairs.Select(p => $"{p.Key}: {p.Value}"));
    }

    internal void RaiseBuildInitialized() => OnBuildInitialized();

    internal void RaiseBuildFinished() => OnBuildFinished();
}

/// <summary>What the runner knows about a build in progress; shared by the build instance and the executor.</summary>
internal sealed class BuildRuntime(AbsolutePath rootDirectory, Host host, BuildContext context)
{
    [ThreadStatic] static BuildRuntime? constructing;

    /// <summary>Set only around <c>new T()</c> on the runner's thread.</summary>
    public static BuildRuntime? Constructing
    {
        get => constructing;
        set => constructing = value;
    }

    public AbsolutePath RootDirectory { get; } = rootDirectory;
    public Host Host { get; } = host;
    public BuildContext Context { get; } = context;
    /// <summary>The invoked targets' names, or the default targets' when none was named.</summary>
    public IReadOnlyCollection<string> RequestedTargets { get; set; } = [];
    public IReadOnlyList<ExecutableTarget> Plan { get; set; } = [];
    public IReadOnlyCollection<string> SkippedByName { get; set; } = [];
    public bool IsForced { get; set; }
}
