using System.Diagnostics;
using System.Reflection;
using Serilog;

namespace BuildGraph;

/// <summary>
/// Runs one target: dynamic conditions, the up-to-date check, its actions, and what its outcome
/// means for the fingerprint. Failures become one log line; the stack trace only at --verbosity verbose.
/// </summary>
internal sealed class TargetExecutor(BuildContext context, AbsolutePath rootDirectory, bool force)
{
    /// <summary>How long a target that ignores its cancelled token is waited for before it is abandoned as Aborted.</summary>
    public TimeSpan AbortGrace { get; init; } = TimeSpan.FromSeconds(5);

    public async Task RunAsync(ExecutableTarget target, CancellationToken token)
    {
        TargetScope.Current = new TargetScope(target, token);
        var stopwatch = Stopwatch.StartNew();
        target.Status = ExecutionStatus.Running;
        Fingerprint? fingerprint = null;
        try
        {
            if (SkipPlanner.FalseConditions(target.Definition.DynamicConditions) is { } reason)
            {
                WriteHeader(target);
                Log.Information("Skipped: {Reason}", reason);
                target.Status = ExecutionStatus.Skipped;
                target.Note = reason;
                return;
            }

            FingerprintState? inputs = null;
            if (target.Definition.IsIncremental)
            {
                fingerprint = new Fingerprint(target, rootDirectory);
                inputs = fingerprint.Capture();
                var staleness = force ? "--force" : fingerprint.Staleness(inputs);
                if (staleness is null)
                {
                    WriteHeader(target);
                    Log.Information("Up to date: inputs and outputs unchanged since the last success");
                    target.Status = ExecutionStatus.UpToDate;
                    return;
                }
                WriteHeader(target);
                Log.Debug("Running because {Reason}", staleness);
            }
            else
                WriteHeader(target);

            await RunActionsAsync(target, token);
            target.Status = ExecutionStatus.Succeeded;
            if (fingerprint is not null && inputs is not null)
                fingerprint.Save(inputs);
        }
        catch (Exception exception)
        {
            fingerprint?.Delete();
            var cause = Unwrap(exception);
            if (token.IsCancellationRequested)
            {
                target.Status = ExecutionStatus.Aborted;
                target.Note = "cancelled";
                Log.Warning("Aborted: the build was cancelled");
            }
            else
            {
                target.Status = ExecutionStatus.Failed;
                var message = string.IsNullOrWhiteSpace(cause.Message) ? cause.GetType().Name : cause.Message;
                target.Note = message.ReplaceLineEndings(" ");
                Log.Error(cause, "{Message}", message);
            }
        }
        finally
        {
            target.Elapsed = stopwatch.Elapsed;
        }
    }

    async Task RunActionsAsync(ExecutableTarget target, CancellationToken token)
    {
        // Task.Run: a synchronous body must not block the scheduler (parallel targets, Ctrl-C).
        var work = Task.Run(async () =>
        {
            foreach (var action in target.Definition.Actions)
            {
                token.ThrowIfCancellationRequested();
                await action(token);
            }
        }, CancellationToken.None);
        if (!token.CanBeCanceled)
        {
            await work;
            return;
        }

        var abandon = new TaskCompletionSource();
        await using (token.Register(() => Task.Delay(AbortGrace).ContinueWith(_ => abandon.TrySetResult(), TaskScheduler.Default)))
        {
            if (await Task.WhenAny(work, abandon.Task) != work)
            {
                _ = work.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                throw new OperationCanceledException($"Target '{target.Name}' did not stop within {AbortGrace.TotalSeconds:0}s of cancellation.");
            }
        }
        await work;
    }

    void WriteHeader(ExecutableTarget target)
    {
        context.Console.WriteLine();
        context.Console.WriteLine($"═══ {target.Name} ═══", AnsiStyle.Cyan);
    }

    static Exception Unwrap(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => exception,
    };
}
