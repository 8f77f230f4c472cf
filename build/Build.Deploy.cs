using AwsAccess;
using BuildGraph;
using Deploy.Artifacts;
using Deploy.Deployment;
using Deploy.Environments;
using Serilog;

partial class Build
{
    [Parameter("Environment to deploy to: local, dev or prod (default: from the branch; local without AWS credentials outside CI)")]
    readonly string? Environment;

    [Parameter("AWS profile of the build's own identity (SSO, keys or a role); default: the SDK's credential chain")]
    readonly string? AwsProfile;

    [Parameter("Print what Deploy or Rollback would upload, update, invalidate and delete, and write nothing")]
    readonly bool DryRun;

    [Parameter("Version Rollback puts back (a version an earlier Deploy uploaded to the artifact stores)")]
    readonly string? Version;

    EnvironmentsFile? environments;
    EnvironmentsFile Environments => environments ??= EnvironmentsLoader.Load(EnvironmentsFile);

    Resolution? resolution;
    /// <summary>Where this run deploys, decided once; SelectEnvironment decides it first so a refusal comes before any work.</summary>
    Resolution Selection => resolution ??= new EnvironmentResolution(Environments).Resolve(new ResolutionInput(
        Environment, TryRepository()?.Branch, IsServerBuild, AwsSession.HasCredentials(SessionOptionsFor(AwsVariables())), TryRepository()?.IsClean ?? false));

    string? TargetEnvironment => Selection switch
    {
        Resolution.Deploy deploy => deploy.Environment,
        Resolution.Refused refused => throw new InvalidOperationException(refused.Message),
        _ => null,
    };

    // LocalUp on its own starts the local cloud; as a dependency of a deploy only when that deploy goes to local.
    bool DeploysToLocal => !InvokedTargets.Any(t => t is nameof(Deploy) or nameof(Rollback))
        || TargetEnvironment == EnvironmentResolution.LocalEnvironment;

    Target SelectEnvironment => _ => _
        .Unlisted()
        .Description("Picks the environment: --environment, else the branch (local without AWS credentials outside CI)")
        .Before(Restore, RestoreSite, RestoreLambdas, RestoreTools, CompileSite, PackageSite, PackageLambdas, Package, LocalUp)
        .Executes(() =>
        {
            if (TargetEnvironment is not { } target)
            {
                Log.Warning("Nothing to deploy: {Reason}", ((Resolution.Nothing)Selection).Reason);
                return;
            }
            // Fail before building anything when the deploy could not even start.
            if (target != EnvironmentResolution.LocalEnvironment && !AwsSession.HasCredentials(SessionOptionsFor(AwsVariables())))
                throw new InvalidOperationException(NoCredentials.Message);
            Log.Information("Environment {Environment} ({Reason})", target, ((Resolution.Deploy)Selection).Reason);
        });

    Target Deploy => _ => _
        .Description("Deploys the packaged site and functions to the environment (--dry-run prints the plan and writes nothing)")
        .DependsOn(SelectEnvironment, Package, LocalUp)
        .Executes(async ct =>
        {
            if (TargetEnvironment is not { } target)
            {
                Log.Warning("Nothing deployed: {Reason}", ((Resolution.Nothing)Selection).Reason);
                return;
            }
            var manifest = ArtifactManifestFile.Read(ManifestFile);
            var (build, role) = await SessionsAsync(target, ct);
            var request = new DeployRequest(Environments, target, manifest, ArtifactsDirectory, SitePublicDirectory, DryRun, IsForced, IsServerBuild)
            {
                InvalidationPollInterval = InvalidationPollInterval,
            };
            var outcome = await EnvironmentDeploy.RunAsync(request, build, role, Console.Out, ct);
            ReportSummary($"{target} {manifest.Version}: {outcome.Result?.Uploaded ?? 0} uploaded");
            deployedLocally = !DryRun && localEndpoints is not null;
        });

    bool deployedLocally;

    /// <summary>A local deploy ends with where to look: the site, and the mail its contact form sends.</summary>
    void PrintLocalSite()
    {
        if (deployedLocally && IsSuccessful && localEndpoints is not null)
            Console.WriteLine($"Site: {localEndpoints.Site}/{System.Environment.NewLine}Mail: {localEndpoints.Ses}/ (what the contact form sends)");
    }

    Target Rollback => _ => _
        .Description("Puts a previous version's site and functions back from the artifact stores (--version V)")
        .DependsOn(SelectEnvironment, LocalUp)
        .Requires(() => Version)
        .Executes(async ct =>
        {
            if (TargetEnvironment is not { } target)
            {
                Log.Warning("Nothing rolled back: {Reason}", ((Resolution.Nothing)Selection).Reason);
                return;
            }
            var (_, role) = await SessionsAsync(target, ct);
            var request = new RollbackRequest(Environments, target, Version!, DryRun, IsServerBuild) { InvalidationPollInterval = InvalidationPollInterval };
            await EnvironmentRollback.RunAsync(request, role, Console.Out, ct);
            ReportSummary($"{target} back to {Version}");
        });

    // CloudFront takes tens of seconds to finish an invalidation; the local cloud a moment.
    TimeSpan InvalidationPollInterval => localEndpoints is null ? TimeSpan.FromSeconds(10) : TimeSpan.FromMilliseconds(500);

    /// <summary>The build's own identity writes artifacts; the environment's deploy role (assumed with STS) deploys.</summary>
    async Task<(AwsSession Build, AwsSession DeployRole)> SessionsAsync(string environmentName, CancellationToken ct)
    {
        var environment = Environments.Environments[environmentName];
        var build = AwsSession.Create(SessionOptionsFor(AwsVariables()));
        var identity = await build.GetCallerIdentityAsync(ct);
        Log.Information("Build identity {Arn} (from {Source})", identity.Arn, build.Source);
        var role = await build.AssumeRoleAsync(new RoleAssumption(environment.DeployRole, BuildId, externalId: environment.ExternalId), SecretMasking.Register, ct);
        Log.Information("Deploying as {Role}", environment.DeployRole);
        return (build, role);
    }

    SessionOptions SessionOptionsFor(IReadOnlyDictionary<string, string> variables) => new()
    {
        Environment = new AwsEnvironment(variables),
        Profile = localEndpoints is null ? AwsProfile : null,
        Region = localEndpoints is null ? null : Environments.Environments[EnvironmentResolution.LocalEnvironment].Site.Region,
    };

    /// <summary>The process's AWS variables, or for the local environment the local cloud's endpoint and build identity only.</summary>
    IReadOnlyDictionary<string, string> AwsVariables()
    {
        var variables = ProcessEnvironment.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!);
        if (localEndpoints is null)
            return variables;
        foreach (var key in variables.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
            variables.Remove(key);
        foreach (var (key, value) in LocalCloud.AwsVariables(localEndpoints, Environments.Environments[EnvironmentResolution.LocalEnvironment].Site.Region))
            variables[key] = value;
        // Keep ~/.aws out of a local deploy: only the local cloud's identity may be used there.
        variables["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        variables["AWS_CONFIG_FILE"] = "/dev/null";
        return variables;
    }

    // An unknown branch is not an error when --environment names the target.
    GitRepository? TryRepository()
    {
        try { return Repository; }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>CloudTrail shows which build acted: CodeBuild's build id, else the user and time on a workstation.</summary>
    string BuildId => System.Environment.GetEnvironmentVariable("CODEBUILD_BUILD_ID")
        ?? $"{System.Environment.UserName}-{DateTime.UtcNow:yyyyMMddHHmmss}";
}
