using Deploy.Site;

namespace Deploy.Reporting;

/// <summary>An artifact upload as the report shows it (adapted from the artifact store's plan).</summary>
public sealed record ArtifactLine(string Name, string Bucket, string Key, long Size, bool AlreadyStored);

/// <summary>A function release as the report shows it (adapted from the function release plan).</summary>
public sealed record FunctionLine(string Name, string FunctionName, string Region, bool Update, string Reason);

/// <summary>
/// What `Deploy --dry-run` prints: for every kind of write, what would happen, with counts and bytes. It only reads
/// plans; writing nothing is the caller's part (it never calls an applier).
/// </summary>
public sealed class DryRunReport(TextWriter output, int listPerSection = 20)
{
    public void Write(string environment, IReadOnlyList<ArtifactLine> artifacts, SitePlan site, IReadOnlyList<FunctionLine> functions)
    {
        WriteHeader(environment);
        WriteArtifacts(artifacts);
        WriteSite(site);
        WriteFunctions(functions);
    }

    public void WriteHeader(string environment) =>
        output.WriteLine($"Dry run for environment '{environment}': nothing is written.");

    public void WriteArtifacts(IReadOnlyList<ArtifactLine> artifacts)
    {
        var toUpload = artifacts.Where(a => !a.AlreadyStored).ToList();
        output.WriteLine($"Artifacts: {toUpload.Count} to upload ({Sizes.Format(toUpload.Sum(a => a.Size))}), {artifacts.Count - toUpload.Count} already stored");
        foreach (var a in artifacts)
            output.WriteLine($"  {(a.AlreadyStored ? "stored" : "upload")}  {a.Name} → s3://{a.Bucket}/{a.Key} ({Sizes.Format(a.Size)})");
    }

    public void WriteSite(SitePlan plan)
    {
        output.WriteLine($"Site s3://{plan.Bucket}: {Sizes.Objects(plan.UploadCount)} to upload ({Sizes.Format(plan.UploadBytes)}), {plan.Unchanged} unchanged");
        foreach (var phase in plan.Phases)
        {
            output.WriteLine($"  phase {(int)phase.Phase}/4 {PhaseNames.Of(phase.Phase)}: {Sizes.Objects(phase.Uploads.Count)}, {Sizes.Format(phase.Bytes)}");
            List(phase.Uploads, u => $"{Reason(u.Reason),-9} {u.Key} ({Sizes.Format(u.Size)}, {u.CacheControl})");
        }

        output.WriteLine(plan.InvalidationPaths.Count == 0
            ? "Invalidate: nothing"
            : $"Invalidate: {plan.InvalidationPaths.Count} path{(plan.InvalidationPaths.Count == 1 ? "" : "s")}: {string.Join(' ', plan.InvalidationPaths)}");

        output.WriteLine($"Delete: {Sizes.Objects(plan.Deletions.Count)} ({Sizes.Format(plan.Deletions.Sum(d => d.Size))})");
        List(plan.Deletions, d => d.Key);
        if (plan.Kept.Count > 0)
        {
            output.WriteLine($"Keep: {Sizes.Objects(plan.Kept.Count)} no longer in the site");
            List(plan.Kept, k => $"{k.Key}: {k.Reason}");
        }
        if (plan.RefusalMessage is not null)
            output.WriteLine($"Refused: {plan.RefusalMessage}");
    }

    public void WriteFunctions(IReadOnlyList<FunctionLine> functions)
    {
        output.WriteLine($"Functions: {functions.Count(f => f.Update)} to update, {functions.Count(f => !f.Update)} unchanged");
        foreach (var f in functions)
            output.WriteLine($"  {(f.Update ? "update" : "skip"),-6}  {f.Name} ({f.FunctionName}, {f.Region}): {f.Reason}");
    }

    void List<T>(IReadOnlyList<T> items, Func<T, string> line)
    {
        foreach (var item in items.Take(listPerSection))
            output.WriteLine("      " + line(item));
        if (items.Count > listPerSection)
            output.WriteLine($"      … and {items.Count - listPerSection} more");
    }

    static string Reason(UploadReason reason) => reason switch
    {
        UploadReason.New => "new",
        UploadReason.ChangedContent => "changed",
        _ => "headers",
    };
}
