using System.Diagnostics;
using System.Linq.Expressions;
using Serilog;

namespace BuildGraph;

/// <summary>
/// One build run from arguments to exit code: find the root, create the build, read parameters,
/// plan, check, run, summarize. Takes everything from a <see cref="BuildInvocation"/>, so tests run it in-process.
/// </summary>
internal static class BuildRunner
{
    public static async Task<BuildReport> RunAsync<T>(BuildInvocation invocation, params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild, new()
    {
        AmbientLog.EnsureInstalled();
        var masker = invocation.Masker ?? new SecretMasker(SecretMasker.Process);
        var console = new BuildConsole(invocation.Output, invocation.Error ?? invocation.Output, masker, invocation.Color);
        var context = new BuildContext(console, masker, invocation.Abort);
        BuildContext.Current = context;
        var session = new BuildSession(typeof(T), invocation, context);
        try
        {
            var build = session.Create(() => new T());
            return await session.RunAsync(build, defaultTargets.Select(TargetName).ToList());
        }
        catch (BuildInputException exception)
        {
            console.WriteError(exception.Message);
            return session.Report(BuildReport.InvalidInput);
        }
        catch (Exception exception)
        {
            // Before targets run (OnBuildInitialized, conditions, OnBuildFinished): one line, like a target failure.
            console.WriteError(context.Verbosity == Verbosity.Verbose ? exception.ToString() : exception.Message);
            return session.Report(invocation.Abort.IsCancellationRequested ? BuildReport.Aborted : BuildReport.Failed);
        }
        finally
        {
            console.Flush();
        }
    }

    static string TargetName<T>(Expression<Func<T, Target>> selector) =>
        selector.Body is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException($"A default target is selected as x => x.Name, not '{selector}'.");
}

/// <summary>The state of one run while <see cref="BuildRunner"/> walks it through its steps.</summary>
internal sealed class BuildSession(Type buildType, BuildInvocation invocation, BuildContext context)
{
    readonly BuiltInParameters options = new();
    NukeBuild? build;
    BuildRuntime? runtime;
    IReadOnlyList<ExecutableTarget> plan = [];

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

    public async Task<BuildReport> RunAsync(NukeBuild build, IReadOnlyList<string> defaultTargets)
    {
        var console = context.Console;
        var root = runtime!.RootDirectory;
        var parameters = ParameterCatalog.ForBuild(buildType);
        var all = parameters.Concat(ParameterCatalog.BuiltIns).ToList();
        object OwnerOf(ParameterMember member) => member.IsBuiltIn ? options : build;
        var initialValues = all.Select(p => (p, p.GetValue(OwnerOf(p)))).ToList();

        var commandLine = CommandLine.Parse(invocation.Arguments, all);
        var targets = TargetGraph.Create(build);
        foreach (var target in targets)
            target.IsDefault = defaultTargets.Contains(target.Name);
        WriteSchema(root);

        var help = ParameterCatalog.BuiltIns.Single(p => p.MemberName == nameof(BuiltInParameters.Help));
        if (commandLine.ValuesOf(help) is { } helpValue && helpValue is not ["false"])
            return Help(targets, initialValues);

        var sources = ParameterSources.Load(commandLine, invocation.Environment, WorkingDirectory, root, all, targets.Select(t => t.Name).ToList());
        ParameterInjector.Inject(all, OwnerOf, sources, context.Masker);
        context.Verbosity = options.Verbosity;

        var invokedNames = commandLine.Targets.Concat(options.Target ?? []).ToList();
        if (invokedNames.Count == 0)
            invokedNames = [.. defaultTargets];
        if (invokedNames.Count == 0)
            return Help(targets, initialValues);
        var invoked = invokedNames.Select(name => ExecutionPlanner.Resolve(targets, name)).Distinct().ToList();
        foreach (var target in invoked)
            target.IsInvoked = true;
        runtime.InvokedTargets = invoked.Select(t => t.Name).ToList();
        var planned = ExecutionPlanner.Plan(targets, invoked);
        var skip = options.Skip?.Select(name => ExecutionPlanner.Resolve(targets, name)).ToList();
        runtime.SkippedByName = skip?.Select(t => t.Name).Distinct().ToList() ?? [];

        if (options.Plan)
        {
            var page = root / ".nuke" / "temp" / "plan.html";
            page.WriteAllText(PlanPage.Render(buildType.Name, targets, planned.ToHashSet()));
            console.WriteLine(page);
            return Report(BuildReport.Succeeded);
        }

        var stopwatch = Stopwatch.StartNew();
        runtime.IsForced = options.Force;
        runtime.Plan = planned;
        build.RaiseBuildInitialized();
        SkipPlanner.Apply(planned, skip);
        var unmet = Requirements.Check(planned.Where(t => t.Status == ExecutionStatus.Scheduled), parameters);
        if (unmet.Count > 0)
            throw new BuildInputException(string.Join(Environment.NewLine, unmet));

        runtime.Plan = plan = planned;
        if (!options.NoLogo)
            console.WriteLine($"{buildType.Name} on {runtime.Host} in {root}", AnsiStyle.Bold);
        context.PrefixTargetNames = options.Parallel || plan.Any(t => t.Definition.IsParallel && t.Status == ExecutionStatus.Scheduled);
        var executor = new TargetExecutor(context, root, options.Force) { AbortGrace = invocation.AbortGrace };
        await new Scheduler(executor, options.Parallel).RunAsync(plan, context.Abort);

        WriteProblems();
        var aborted = context.Abort.IsCancellationRequested && plan.Any(t => t.Status is ExecutionStatus.Aborted or ExecutionStatus.NotRun);
        SummaryTable.Write(console, plan, stopwatch.Elapsed, DateTimeOffset.Now, aborted);
        var exitCode = aborted ? BuildReport.Aborted : runtime.HasNoFailures ? BuildReport.Succeeded : BuildReport.Failed;
        console.Flush();
        build.RaiseBuildFinished();
        return Report(exitCode);
    }

    public BuildReport Report(int exitCode) =>
        new(exitCode, plan.Select(t => new TargetReport(t.Name, t.Status, t.Duration, t.Note)).ToList(), build);

    AbsolutePath WorkingDirectory => AbsolutePath.Create(invocation.WorkingDirectory);

    BuildReport Help(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<(ParameterMember Member, object? Value)> initialValues)
    {
        context.Console.WriteLine(HelpText.Render(
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

    void WriteSchema(AbsolutePath root)
    {
        try
        {
            BuildSchema.WriteIfChanged(buildType, root);
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
        context.Console.WriteLine();
        context.Console.WriteLine("Warnings and errors:", AnsiStyle.Yellow);
        foreach (var line in context.Problems)
            context.Console.WriteLine("  " + line);
    }
}
