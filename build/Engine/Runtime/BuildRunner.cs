using System.Linq.Expressions;

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
            session.Create(() => new T());
            return await session.RunAsync(defaultTargets.Select(TargetName).ToList());
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
