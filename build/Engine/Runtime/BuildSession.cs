using System.Diagnostics;
using Serilog;

namespace BuildGraph;

/// <summary>
/// One run walked through its steps, each a method below: create the build, read the command line, build the graph,
/// write the schema, answer --help, inject parameters, plan, answer --plan, initialize, skip, check requirements,
/// run the targets, summarize.
/// </summary>
internal sealed class BuildSession(Type buildType, BuildInvocation invocation, BuildContext context)
{
    readonly BuiltInParameters options = new();
    IReadOnlyList<ParameterMember> parameters = [];
    NukeBuild? build;
    BuildRuntime? runtime;
    IReadOnlyList<ExecutableTarget> plan = [];

    IEnumerable<ParameterMember> AllParameters => parameters.Concat(ParameterCatalog.BuiltIns);

    BuildConsole Console => context.Console;

    public NukeBuild Create(Func<NukeBuild> factory)
    {
        var root = FindRoot();
        (root / ".nuke" / "temp").CreateDirectory();
        context.RootDirectory = root;
        runtime = new BuildRuntime(root, Host.Detect(invocation.Environment), context);
        BuildRuntime.Constructing = runtime;
        try
        {
            return build = factory();
        }
        finally
        {
            BuildRuntime.Constructing = null;
        }
    }

    public async Task<BuildReport> RunAsync(IReadOnlyList<string> defaultTargets)
    {
        parameters = ParameterCatalog.ForBuild(buildType);
        var initialValues = AllParameters.Select(p => (p, p.GetValue(OwnerOf(p)))).ToList();
        var commandLine = CommandLine.Parse(invocation.Arguments, AllParameters.ToList());
        var targets = CreateGraph(defaultTargets);
        WriteSchema();
        if (AsksForHelp(commandLine))
            return Help(targets, initialValues);

        InjectParameters(commandLine, targets);
        var roots = ResolveRoots(commandLine, targets, defaultTargets);
        if (roots.Count == 0)
            return Help(targets, initialValues);
        var planned = ExecutionPlanner.Plan(targets, roots);
        var skip = ResolveSkip(targets);
        if (options.Plan)
            return WritePlanPage(targets, planned);

        var stopwatch = Stopwatch.StartNew();
        Initialize(planned);
        SkipPlanner.Apply(planned, skip);
        CheckRequirements(planned);
        await ExecuteAsync(planned);
        return Summarize(stopwatch.Elapsed);
    }

    /// <summary>The exit code: what the run decided, unless the build set Nuke's <see cref="NukeBuild.ExitCode"/>.</summary>
    public BuildReport Report(int exitCode) =>
        new(build?.ExitCode ?? exitCode, plan.Select(t => new TargetReport(t.Name, t.Status, t.Elapsed, t.Note)).ToList(), build);

    object OwnerOf(ParameterMember member) => member.IsBuiltIn ? options : build!;

    IReadOnlyList<ExecutableTarget> CreateGraph(IReadOnlyList<string> defaultTargets)
    {
        var targets = TargetGraph.Create(build!);
        foreach (var target in targets)
            target.IsDefault = defaultTargets.Contains(target.Name);
        return targets;
    }

    static bool AsksForHelp(ParsedCommandLine commandLine)
    {
        var help = ParameterCatalog.BuiltIns.Single(p => p.MemberName == nameof(BuiltInParameters.Help));
        return commandLine.ValuesOf(help) is { } value && value is not ["false"];
    }

    void InjectParameters(ParsedCommandLine commandLine, IReadOnlyList<ExecutableTarget> targets)
    {
        var all = AllParameters.ToList();
        var sources = ParameterSources.Load(commandLine, invocation.Environment, WorkingDirectory, runtime!.RootDirectory, all, targets.Select(t => t.Name).ToList());
        ParameterInjector.Inject(all, OwnerOf, sources, context.Masker);
        context.Verbosity = options.Verbosity;
    }

    // The targets named (positionally or by --target) are invoked; with none named the default targets run, not invoked (Nuke).
    IReadOnlyList<ExecutableTarget> ResolveRoots(ParsedCommandLine commandLine, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<string> defaultTargets)
    {
        var named = commandLine.Targets.Concat(options.Target ?? []).Select(name => ExecutionPlanner.Resolve(targets, name)).Distinct().ToList();
        foreach (var target in named)
            target.Invoked = true;
        var roots = named.Count > 0 ? named : defaultTargets.Select(name => ExecutionPlanner.Resolve(targets, name)).ToList();
        runtime!.RequestedTargets = roots.Select(t => t.Name).ToList();
        return roots;
    }

    IReadOnlyList<ExecutableTarget>? ResolveSkip(IReadOnlyList<ExecutableTarget> targets)
    {
        var skip = options.Skip?.Select(name => ExecutionPlanner.Resolve(targets, name)).Distinct().ToList();
        runtime!.SkippedByName = skip?.Select(t => t.Name).ToList() ?? [];
        return skip;
    }

    BuildReport WritePlanPage(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ExecutableTarget> planned)
    {
        var page = runtime!.RootDirectory / ".nuke" / "temp" / "plan.html";
        page.WriteAllText(PlanPage.Render(buildType.Name, targets, planned.ToHashSet()));
        Console.WriteLine(page);
        return Report(BuildReport.Succeeded);
    }

    // The build sees its plan from OnBuildInitialized on (static conditions may read it).
    void Initialize(IReadOnlyList<ExecutableTarget> planned)
    {
        runtime!.IsForced = options.Force;
        runtime.Plan = planned;
        build!.RaiseBuildInitialized();
    }

    void CheckRequirements(IReadOnlyList<ExecutableTarget> planned)
    {
        var unmet = Requirements.Check(planned.Where(t => t.Status == ExecutionStatus.Scheduled), parameters);
        if (unmet.Count > 0)
            throw new BuildInputException(string.Join(Environment.NewLine, unmet));
    }

    async Task ExecuteAsync(IReadOnlyList<ExecutableTarget> planned)
    {
        plan = planned;
        if (!options.NoLogo)
            Console.WriteLine($"{buildType.Name} on {runtime!.Host} in {runtime.RootDirectory}", AnsiStyle.Bold);
        context.PrefixTargetNames = options.Parallel || plan.Any(t => t.Definition.IsParallel && t.Status == ExecutionStatus.Scheduled);
        var executor = new TargetExecutor(context, runtime!.RootDirectory, options.Force) { AbortGrace = invocation.AbortGrace };
        await new Scheduler(executor, options.Parallel).RunAsync(plan, context.Abort);
    }

    BuildReport Summarize(TimeSpan elapsed)
    {
        WriteProblems();
        var aborted = context.Abort.IsCancellationRequested && plan.Any(t => t.Status is ExecutionStatus.Aborted or ExecutionStatus.NotRun);
        SummaryTable.Write(Console, plan, elapsed, DateTimeOffset.Now, aborted);
        var exitCode = aborted ? BuildReport.Aborted : build!.IsSucceeding ? BuildReport.Succeeded : BuildReport.Failed;
        Console.Flush();
        build!.RaiseBuildFinished();
        return Report(exitCode);
    }

    AbsolutePath WorkingDirectory => AbsolutePath.Create(invocation.WorkingDirectory);

    BuildReport Help(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<(ParameterMember Member, object? Value)> initialValues)
    {
        Console.WriteLine(HelpText.Render(
            targets,
            initialValues.Where(p => !p.Member.IsBuiltIn).ToList(),
            initialValues.Where(p => p.Member.IsBuiltIn).ToList()).TrimEnd());
        return Report(BuildReport.Succeeded);
    }

    // --root, else NUKE_ROOT, else the nearest folder with .nuke/ from the working directory upward.
    AbsolutePath FindRoot()
    {
        var given = CommandLine.PeekRoot(invocation.Arguments)
            ?? invocation.Environment.GetValueOrDefault("NUKE_ROOT");
        if (!string.IsNullOrWhiteSpace(given))
        {
            var root = AbsolutePath.Create(Path.GetFullPath(given, invocation.WorkingDirectory));
            return root.DirectoryExists() ? root : throw new BuildInputException($"--root '{given}' does not exist.");
        }
        for (var directory = WorkingDirectory; directory is not null; directory = directory.Parent)
        {
            if ((directory / ".nuke").DirectoryExists())
                return directory;
        }
        throw new BuildInputException($"No .nuke folder in {invocation.WorkingDirectory} or above: run from inside the repository or pass --root <dir>.");
    }

    void WriteSchema()
    {
        try
        {
            BuildSchema.WriteIfChanged(buildType, runtime!.RootDirectory);
        }
        catch (IOException exception)
        {
            Log.Warning("Could not update .nuke/build.schema.json: {Message}", exception.Message);
        }
    }

    void WriteProblems()
    {
        if (context.Problems.IsEmpty)
            return;
        Console.WriteLine();
        Console.WriteLine("Warnings and errors:", AnsiStyle.Yellow);
        foreach (var line in context.Problems)
            Console.WriteLine("  " + line);
    }
}
