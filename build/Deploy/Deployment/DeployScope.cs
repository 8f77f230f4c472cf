using Deploy.Environments;

namespace Deploy.Deployment;

/// <summary>What one deploy or rollback writes: the site (its zip, the bucket, the invalidation) or not, and which functions.</summary>
public sealed record DeployScope(bool Site, IReadOnlyList<string> Functions)
{
    public static DeployScope Everything(DeployEnvironment environment) =>
        new(true, environment.Functions.Keys.Order(StringComparer.Ordinal).ToList());

    public static DeployScope SiteOnly { get; } = new(true, []);

    public static DeployScope OnlyFunctions(params string[] names) => new(false, names);

    public bool IsEmpty => !Site && Functions.Count == 0;

    public bool Includes(string function) => Functions.Contains(function, StringComparer.Ordinal);

    public override string ToString() => (Site, Functions.Count) switch
    {
        (_, 0) when Site => "the site",
        (false, _) => Describe(Functions),
        _ => "the site and " + Describe(Functions),
    };

    static string Describe(IReadOnlyList<string> functions) =>
        (functions.Count == 1 ? "function " : "functions ") + string.Join(", ", functions);
}

/// <summary>
/// What the invocation asks for, before the environment narrows it. <see cref="Site"/> and <see cref="Functions"/> say
/// which parts the invoked targets write (Deploy, DeployArtifacts and Rollback both, DeploySite the site, DeployFunctions
/// the functions); the "Named" flags say a part was asked for by name (DeploySite, --site-only; DeployFunctions,
/// --function), so that narrowing it away is a refusal rather than a note.
/// </summary>
public sealed record ScopeRequest(bool Site, bool Functions)
{
    public bool SiteNamed { get; init; }
    public bool FunctionsNamed { get; init; }

    /// <summary>--function: only these functions (and, unless the site is named too, no site).</summary>
    public IReadOnlyList<string> FunctionFilter { get; init; } = [];

    /// <summary>--site-only: the site and no function.</summary>
    public bool SiteOnly { get; init; }

    /// <summary>--deploy-parts or DEPLOY_PARTS ("site", "functions"); null when not given.</summary>
    public IReadOnlyList<string>? Parts { get; init; }
}

/// <summary>The scope a run writes, and why it is narrower than asked (null when it is not); or a refusal.</summary>
public abstract record ScopeResolution
{
    public sealed record Chosen(DeployScope Scope, string? Narrowed) : ScopeResolution;
    public sealed record Refused(string Message) : ScopeResolution;
}

/// <summary>
/// Narrows a run to what was asked for and what the environment deploys: the targets invoked, --site-only and
/// --function, then environments.json's "deploy" and DEPLOY_PARTS (which narrow, never widen). A part named explicitly
/// that the environment does not deploy, an unknown function or part, and a scope left empty are refused in one line.
/// </summary>
public static class DeployScopes
{
    public const string PartsSource = "--deploy-parts (DEPLOY_PARTS)";

    public static ScopeResolution Resolve(string environmentName, DeployEnvironment environment, ScopeRequest request)
    {
        var known = environment.Functions.Keys.Order(StringComparer.Ordinal).ToList();
        if (request.Parts?.FirstOrDefault(p => !DeployParts.All.Contains(p)) is { } unknownPart)
            return Refuse($"unknown deploy part '{unknownPart}' in {PartsSource}; fix: use {string.Join(", ", DeployParts.All)} or both");
        var unknown = request.FunctionFilter.Where(f => !environment.Functions.ContainsKey(f)).Distinct().ToList();
        if (unknown.Count > 0)
            return Refuse($"unknown function{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(f => $"'{f}'"))} in environment '{environmentName}'; "
                          + $"fix: pass --function with {(known.Count == 0 ? "nothing: it has no functions" : "one of " + string.Join(", ", known))}");
        if (request.SiteOnly && request.FunctionFilter.Count > 0)
            return Refuse("--site-only and --function exclude each other; fix: pass one of them");
        if (request.FunctionFilter.Count > 0 && !request.Functions)
            return Refuse("--function names functions, but the targets invoked deploy only the site; fix: invoke DeployFunctions (or Deploy) with it");

        var site = request.Site && (request.FunctionFilter.Count == 0 || request.SiteNamed);
        var siteNamed = request.SiteNamed || request.SiteOnly;
        var functionsNamed = request.FunctionsNamed || request.FunctionFilter.Count > 0;
        IReadOnlyList<string> functions = !request.Functions || request.SiteOnly ? []
            : request.FunctionFilter.Count > 0 ? known.Where(request.FunctionFilter.Contains).ToList()
            : known;

        var notes = new List<string>();
        foreach (var (part, source) in new[]
                 {
                     (DeployParts.Site, Allowed(environment.DeployParts, DeployParts.Site) ? null : $"environments.{environmentName}.deploy in infra/environments.json"),
                     (DeployParts.Functions, Allowed(environment.DeployParts, DeployParts.Functions) ? null : $"environments.{environmentName}.deploy in infra/environments.json"),
                 })
        {
            var narrowedBy = source ?? (request.Parts is { } parts && !parts.Contains(part) ? PartsSource : null);
            if (narrowedBy is null) continue;
            var wanted = part == DeployParts.Site ? site : functions.Count > 0;
            if (!wanted) continue;
            if (part == DeployParts.Site ? siteNamed : functionsNamed)
                return Refuse($"environment '{environmentName}' does not deploy the {part} here ({narrowedBy}); fix: deploy what it lists or change that setting");
            notes.Add($"no {part} ({narrowedBy})");
            if (part == DeployParts.Site) site = false; else functions = [];
        }

        var scope = new DeployScope(site, functions);
        if (scope.IsEmpty)
            return Refuse(notes.Count > 0
                ? $"nothing to deploy to '{environmentName}': {string.Join(", ", notes)}; fix: name a part the environment deploys"
                : $"nothing to deploy to '{environmentName}': it has no functions and the site was not asked for; fix: invoke Deploy or DeploySite");
        return new ScopeResolution.Chosen(scope, notes.Count > 0 ? string.Join(", ", notes) : null);
    }

    static bool Allowed(IReadOnlyList<string> parts, string part) => parts.Contains(part, StringComparer.Ordinal);

    static ScopeResolution Refuse(string message) => new ScopeResolution.Refused(message);
}
