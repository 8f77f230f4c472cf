namespace BuildGraph;

/// <summary>
/// Starts each planned target once everything before it (execution, trigger and ordering edges)
/// has finished. Sequential by default; with --parallel any ready target starts, and a target
/// declared Parallel() may always run alongside others. After a failure or Ctrl-C only
/// ProceedAfterFailure and AssuredAfterFailure targets still start.
/// </summary>
internal sealed class Scheduler(TargetExecutor executor, bool parallel)
{
    public async Task RunAsync(IReadOnlyList<ExecutableTarget> plan, CancellationToken abort)
    {
        var pending = plan.Where(t => t.Status == ExecutionStatus.Scheduled).ToList();
        // A list, not a dictionary keyed by task: targets that finish synchronously (UpToDate) share one cached Task.
        var running = new List<(Task Task, ExecutableTarget Target)>();
        var stopped = false; // a target failed without ProceedAfterFailure

        while (pending.Count > 0 || running.Count > 0)
        {
            var progressed = true;
            while (progressed)
            {
                progressed = false;
                foreach (var target in pending)
                {
                    if (!target.Predecessors.All(p => !plan.Contains(p) || p.IsFinished))
                        continue;
                    if (!ShouldRun(target, stopped, abort.IsCancellationRequested))
                    {
                        target.Status = ExecutionStatus.NotRun;
                        pending.Remove(target);
                        progressed = true;
                        break;
                    }
                    if (!CanStartAlongside(target, running.Select(r => r.Target)))
                        continue;
                    // After Ctrl-C cleanup targets get a token of their own, or they could not run anything.
                    var token = abort.IsCancellationRequested ? CancellationToken.None : abort;
                    running.Add((executor.RunAsync(target, token), target));
                    pending.Remove(target);
                    progressed = true;
                    break;
                }
            }

            if (running.Count == 0)
            {
                foreach (var target in pending)
                    target.Status = ExecutionStatus.NotRun; // unreachable with an acyclic plan; never leave one Scheduled
                break;
            }

            var finished = await Task.WhenAny(running.Select(r => r.Task));
            var index = running.FindIndex(r => r.Task == finished);
            var done = running[index].Target;
            running.RemoveAt(index);
            await finished;
            if (done.Status == ExecutionStatus.Failed && !done.Definition.IsProceedAfterFailure)
                stopped = true;
        }
    }

    static bool ShouldRun(ExecutableTarget target, bool stopped, bool aborted)
    {
        var definition = target.Definition;
        if (definition.IsAssuredAfterFailure)
            return true;
        if (aborted)
            return false;
        if (target.ExecutionDependencies.Concat(target.TriggerSources).Any(d => d.HasFailedOrDidNotRun))
            return false;
        return !stopped || definition.IsProceedAfterFailure;
    }

    bool CanStartAlongside(ExecutableTarget target, IEnumerable<ExecutableTarget> running) =>
        parallel || target.Definition.IsParallel || running.All(r => r.Definition.IsParallel);
}
