using System.Collections;
using System.Linq.Expressions;

namespace BuildGraph;

public abstract partial class NukeBuild
{
    /// <summary>
    /// Runs the build with the process's command line, environment and console; returns the exit code.
    /// The only place the engine touches process-wide state (console writers, signals).
    /// </summary>
    public static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets) where T : NukeBuild, new()
    {
        var masker = new SecretMasker(SecretMasker.Process);
        var output = new MaskingTextWriter(Console.Out, masker);
        var error = new MaskingTextWriter(Console.Error, masker);
        Console.SetOut(output);
        Console.SetError(error);
        using var cancellation = CancellationHandling.Install();

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = (string?)entry.Value;

        var invocation = new BuildInvocation(System.Environment.GetCommandLineArgs()[1..], environment, Directory.GetCurrentDirectory(), output)
        {
            Error = error,
            Color = BuildConsole.ShouldColor(environment, Console.IsOutputRedirected),
            Abort = cancellation.Token,
            Masker = masker,
        };
        try
        {
            return BuildRunner.RunAsync(invocation, defaultTargets).GetAwaiter().GetResult().ExitCode;
        }
        finally
        {
            output.Flush();
            error.Flush();
        }
    }
}
