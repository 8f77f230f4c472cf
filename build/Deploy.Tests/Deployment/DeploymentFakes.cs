using Deploy.Deployment;
using Deploy.Reporting;
using Deploy.Site;

namespace Deploy.Tests.Deployment;

/// <summary>One ordered log shared by every step of a deploy, to check the order they ran in.</summary>
public sealed class StepLog
{
    readonly List<string> entries = [];
    public IReadOnlyList<string> Entries { get { lock (entries) return entries.ToList(); } }
    public void Add(string entry) { lock (entries) entries.Add(entry); }
}

sealed class LoggedArtifacts(StepLog log) : IArtifactStep
{
    public Task<IReadOnlyList<ArtifactLine>> PlanAsync(CancellationToken cancellationToken)
    {
        log.Add("artifacts: plan");
        return Task.FromResult<IReadOnlyList<ArtifactLine>>([new ArtifactLine("site", "store", "jamstack/site/1.0.0/site-00.zip", 10, false)]);
    }

    public Task PublishAsync(CancellationToken cancellationToken)
    {
        log.Add("artifacts: publish");
        return Task.CompletedTask;
    }
}

sealed class LoggedFunctions(StepLog log) : IFunctionStep
{
    public Task<IReadOnlyList<FunctionLine>> PlanAsync(CancellationToken cancellationToken)
    {
        log.Add("functions: plan");
        return Task.FromResult<IReadOnlyList<FunctionLine>>([new FunctionLine("contact-form", "jamstack-local-contact-form", "eu-central-1", true, "code changed")]);
    }

    public Task ReleaseAsync(CancellationToken cancellationToken)
    {
        log.Add("functions: release");
        return Task.CompletedTask;
    }
}

sealed class LoggedSite(StepLog log) : ISiteProgress, ISiteInvalidator
{
    public void PhaseStarted(SitePhase phase, int objects, long bytes) => log.Add($"site: phase {(int)phase}");
    public void Deleted(int objects, long bytes) => log.Add("site: delete");
    public void StateWritten() => log.Add("site: state");

    public Task InvalidateAsync(IReadOnlyList<string> paths, string callerReference, CancellationToken cancellationToken)
    {
        log.Add("site: invalidate and wait");
        return Task.CompletedTask;
    }
}

sealed class LoggedFunctionRollback(StepLog log) : IFunctionRollback
{
    public List<StoredZip> Zips { get; } = [];

    public Task RollBackAsync(string functionArtifact, StoredZip zip, CancellationToken cancellationToken)
    {
        log.Add($"functions: roll back {functionArtifact}");
        Zips.Add(zip);
        return Task.CompletedTask;
    }
}
