namespace BuildGraph;

/// <summary>
/// Starts each planned target once everything before it (execution, trigger and ordering edges) has finished: a ready
/// queue in plan order. Sequential by default; with --parallel any ready target starts, and a target declared
/// Parallel() may always run alongside others. As in Nuke, a failure stops the build unless the failed target is
/// ProceedAfterFailure (then the targets after it run, its dependents too); once stopped or cancelled only
/// AssuredAfterFailure targets still start, the others end NotRun.
/// </summary>
internal sealed class Scheduler(TargetExecutor executor, bool parallel)
{
    public async Task RunAsync(IReadOnlyList<ExecutableTarget> plan, CancellationToken abort)
    {
        var scheduled = plan.Where(t => t.Status == ExecutionStatus.Scheduled).ToList();
        var successors = scheduled.ToDictionary(t => t, _ => new List<ExecutableTarget>());
        var waitingFor = scheduled.ToDictionary(t => t, _ => 0);
        foreach (var target in scheduled)
        {
            foreach (var predecessor in target.Predecessors.Where(successors.ContainsKey))
            {
                successors[predecessor].Add(target);
                waitingFor[target]++;
            }
        }

        var position = plan.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var ready = new SortedSet<ExecutableTarget>(scheduled.Where(t => waitingFor[t] == 0), Comparer<ExecutableTarget>.Create((a, b) => position[a] - position[b]));
        // A list, not a dictionary keyed by task: targets that finish synchronously (UpToDate) share one cached Task.
        var running = new List<(Task Task, ExecutableTarget Target)>();
        var stopped = false;

        void Finish(ExecutableTarget target)
        {
            foreach (var successor in successors[target])
            {
                if (--waitingFor[successor] == 0)
                    ready.Add(successor);
            }
        }

        // Starts what may start now; decides NotRun for what may not, whose successors may then be ready in turn.
        void StartReady()
        {
            var decided = true;
            while (decided)
            {
                decided = false;
                foreach (var target in ready.ToList())
                {
                    if (target.Status != ExecutionStatus.Scheduled || !MayStart(target, stopped, abort.IsCancellationRequested))
                    {
                        if (target.Status == ExecutionStatus.Scheduled)
                            target.Status = ExecutionStatus.NotRun;
                        ready.Remove(target);
                        Finish(target);
                        decided = true;
                        continue;
                    }
                    if (!CanStartAlongside(target, running.Select(r => r.Target)))
                        continue;
                    // After Ctrl-C cleanup targets get a token of their own, or they could not run anything.
                    var token = abort.IsCancellationRequested ? CancellationToken.None : abort;
                    running.Add((executor.RunAsync(target, token), target));
                    ready.Remove(target);
                }
            }
        }

        while (ready.Count > 0 || running.Count > 0)
        {
            StartReady();
            if (running.Count == 0)
                break; // StartReady decided every ready target; with none running, nothing is left

            var finished = await Task.WhenAny(running.Select(r => r.Task));
            var index = running.FindIndex(r => r.Task == finished);
            var done = running[index].Target;
            running.RemoveAt(index);
            await finished;
            if (done.Status is ExecutionStatus.Failed && !done.Definition.IsProceedAfterFailure || done.Status is ExecutionStatus.Aborted)
                stopped = true;
            if (done.Status == ExecutionStatus.Skipped)
                SkipPlanner.AfterDynamicSkip(plan, done);
            Finish(done);
        }
    }

    static bool MayStart(ExecutableTarget target, bool stopped, bool aborted) =>
        target.Definition.IsAssuredAfterFailure || !stopped && !aborted;

    bool CanStartAlongside(ExecutableTarget target, IEnumerable<ExecutableTarget> running) =>
        parallel || target.Definition.IsParallel || running.All(r => r.Definition.IsParallel);
}
