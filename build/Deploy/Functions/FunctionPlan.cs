namespace Deploy.Functions;

public enum FunctionAction { Update, Skip }

/// <summary>One function's decision, with the reason --dry-run prints.</summary>
public sealed record FunctionChange(FunctionArtifact Artifact, FunctionAction Action, string Reason, string? PreviousVersion);

public sealed record FunctionPlan(IReadOnlyList<FunctionChange> Changes)
{
    public IReadOnlyList<FunctionChange> Updates => Changes.Where(c => c.Action == FunctionAction.Update).ToList();
    public IReadOnlyList<FunctionChange> Skipped => Changes.Where(c => c.Action == FunctionAction.Skip).ToList();
}

/// <summary>
/// Pure: a function whose alias already serves code with the artifact's CodeSha256 is skipped; any other is
/// updated (new code, or an alias that is missing or still on older code after an interrupted deploy).
/// </summary>
public static class FunctionPlanner
{
    public static FunctionPlan Plan(IEnumerable<FunctionArtifact> artifacts, IReadOnlyDictionary<string, DeployedFunction> deployed) =>
        new(artifacts.Select(artifact =>
        {
            var now = deployed[artifact.Name];
            var name = $"{artifact.Target.FunctionName} ({artifact.Target.Region})";
            if (now.AliasCodeSha256 is null)
                return new FunctionChange(artifact, FunctionAction.Update, $"{name}: alias {now.Alias} does not exist yet", null);
            if (now.AliasCodeSha256 == artifact.CodeSha256)
                return new FunctionChange(artifact, FunctionAction.Skip, $"{name}: {now.Alias} → version {now.AliasVersion} already runs this code", now.AliasVersion);
            return new FunctionChange(artifact, FunctionAction.Update, $"{name}: {now.Alias} → version {now.AliasVersion} runs other code", now.AliasVersion);
        }).ToList());
}
