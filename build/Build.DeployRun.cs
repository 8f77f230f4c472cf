using AwsAccess;
using BuildGraph;
using BuildGraph.Extensions;
using Deploy.Artifacts;
using Deploy.Deployment;
using Deploy.Environments;
using Serilog;

/// <summary>
/// What every deploy target shares, written once: where to deploy and what (environment, scope, refusals, credentials),
/// the local cloud it needs, the packaged artifacts it deploys and one <see cref="EnvironmentDeploy"/> per build, so
/// the parts of a Deploy plan together and write in order. A target whose dependencies were skipped (--skip) still
/// gets all of it: the checks run, a local cloud is started, the packaged artifacts are reused and said to be.
/// </summary>
partial class Build
{
    static readonly string[] DeployTargets = [nameof(Deploy), nameof(DeployArtifacts), nameof(DeploySite), nameof(DeployFunctions), nameof(Rollback), nameof(Promote), nameof(Releases)];

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

    bool IsDeployRun => this.InvokedTargetNames().Any(DeployTargets.Contains);

    /// <summary>Only deploy targets were invoked: packaging then follows their scope (Package or Test invoked packages everything).</summary>
    bool OnlyDeploying => this.InvokedTargetNames().All(DeployTargets.Contains);

    // LocalUp on its own starts the local cloud; as a dependency of a deploy only when that deploy goes to local.
    bool DeploysToLocal => !IsDeployRun || TargetEnvironment == EnvironmentResolution.LocalEnvironment;

    /// <summary>What the invoked targets and switches ask for; a part target skipped by name (--skip DeploySite) is left out.</summary>
    ScopeRequest ScopeRequest
    {
        get
        {
            bool Invoked(string target) => this.InvokedTargetNames().Contains(target) && !this.SkippedByName().Contains(target);
            var whole = Invoked(nameof(Deploy)) || Invoked(nameof(DeployArtifacts)) || Invoked(nameof(Rollback));
            return new ScopeRequest(
                Site: (whole || Invoked(nameof(DeploySite)) || Invoked(nameof(Promote)) || Invoked(nameof(Releases))) && !this.SkippedByName().Contains(nameof(DeploySite)),
                Functions: (whole || Invoked(nameof(DeployFunctions))) && !this.SkippedByName().Contains(nameof(DeployFunctions)))
            {
                SiteNamed = Invoked(nameof(DeploySite)),
                FunctionsNamed = Invoked(nameof(DeployFunctions)),
                FunctionFilter = (Function ?? []).SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
                SiteOnly = SiteOnly,
                Parts = DeployParts?.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            };
        }
    }

    ScopeResolution? scopeResolution;
    ScopeResolution ScopeResolution => scopeResolution ??= DeployScopes.Resolve(TargetEnvironment!, Environments.Environments[TargetEnvironment!], ScopeRequest);

    DeployScope Scope => ScopeResolution switch
    {
        ScopeResolution.Chosen chosen => chosen.Scope,
        ScopeResolution.Refused refused => throw new InvalidOperationException(refused.Message),
        _ => throw new InvalidOperationException("unreachable"),
    };

    /// <summary>The scope when it can be known before anything runs; null when the run refuses (SelectEnvironment says why) or deploys nothing.</summary>
    DeployScope? TryScope()
    {
        try
        {
            return Selection is Resolution.Deploy && ScopeResolution is ScopeResolution.Chosen chosen ? chosen.Scope : null;
        }
        catch (Exception e) when (e is InvalidOperationException or EnvironmentsFileException)
        {
            return null;
        }
    }

    // Static conditions: a deploy run packages and writes only the parts of its scope (unknown scope: everything, and the checks refuse).
    bool ScopeMayHaveSite => TryScope()?.Site != false;
    bool ScopeMayHaveFunctions => TryScope()?.Functions.Count != 0;
    bool PackagesSite => SiteDirectory.DirectoryExists() && (!OnlyDeploying || ScopeMayHaveSite);
    bool PackagesFunctions => !OnlyDeploying || ScopeMayHaveFunctions;

    bool deployChecked;

    /// <summary>
    /// Environment, scope, refusals and credentials, once per build: SelectEnvironment runs this before any build work, and
    /// a deploy target runs it itself when SelectEnvironment was skipped. Null: nothing to deploy here (said why).
    /// </summary>
    string? CheckDeployable()
    {
        if (TargetEnvironment is not { } target)
        {
            if (!deployChecked)
                Log.Warning("Nothing to deploy: {Reason}", ((Resolution.Nothing)Selection).Reason);
            deployChecked = true;
            return null;
        }
        if (deployChecked)
            return target;
        var scope = Scope;
        // Fail before building anything when the deploy could not even start.
        // A profile named with --aws-profile must resolve even for a local deploy (where it is not used): a typo is said, not ignored.
        var options = SessionOptionsFor(AwsVariables());
        if ((target != EnvironmentResolution.LocalEnvironment || AwsProfile is not null) && !AwsSession.HasCredentials(options))
            throw new InvalidOperationException(NoCredentials.MessageFor(options));
        Log.Information("Environment {Environment} ({Reason})", target, ((Resolution.Deploy)Selection).Reason);
        Log.Information("Writes {Scope}{Narrowed}", scope, ((ScopeResolution.Chosen)ScopeResolution).Narrowed is { } narrowed ? $" ({narrowed})" : "");
        deployChecked = true;
        return target;
    }

    EnvironmentDeploy? deployRun;
    string deployVersion = "";

    /// <summary>One part of the deploy (null: every part not yet done, which is what Deploy itself does after its parts).</summary>
    async Task DeployAsync(DeployPart? part, CancellationToken ct)
    {
        if (CheckDeployable() is not { } target)
            return;
        if (deployRun is null)
        {
            var manifest = PackagedManifest();
            deployVersion = manifest.Version;
            await EnsureLocalCloudAsync(target, ct);
            var (build, role) = await SessionsAsync(target, ct);
            var request = new DeployRequest(Environments, target, manifest, ArtifactsDirectory, DryRun, this.IsForced(), IsServerBuild)
            {
                InvalidationPollInterval = InvalidationPollInterval,
                Scope = Scope,
                Promote = PromotesRelease,
                PreviewUrl = LocalPreviewUrl,
            };
            deployRun = EnvironmentDeploy.Open(request, build, role, Console.Out);
            await deployRun.PrepareAsync(ct);
        }
        foreach (var each in part is { } one ? [one] : Enum.GetValues<DeployPart>())
            await deployRun.CompleteAsync(each, ct);
        // The run's last deploy target: Deploy itself, or a part invoked alone.
        if (part is null || !this.InvokedTargetNames().Contains(nameof(Deploy)))
            deployRun.ThrowIfDeletesRefused();
        ReportSummary(_ => DryRun ? _.AddPair("Environment", target).AddPair("Result", "dry run")
            : _.AddPair("Environment", target).AddPair("Version", deployVersion).AddPair("Result", SummaryOf(part)));
        deployedLocally = !DryRun && localEndpoints is not null;
    }

    string SummaryOf(DeployPart? part) => part switch
    {
        DeployPart.Artifacts => "artifacts stored",
        DeployPart.Functions => string.Join(", ", deployRun!.Scope.Functions),
        _ => $"{deployRun!.Outcome.Result?.Uploaded ?? 0} uploaded",
    };

    async Task RollbackAsync(CancellationToken ct)
    {
        if (CheckDeployable() is not { } target)
            return;
        await EnsureLocalCloudAsync(target, ct);
        var (_, role) = await SessionsAsync(target, ct);
        var request = new RollbackRequest(Environments, target, Version!, DryRun, IsServerBuild) { InvalidationPollInterval = InvalidationPollInterval, Scope = Scope };
        await EnvironmentRollback.RunAsync(request, role, Console.Out, ct);
        ReportSummary(_ => _.AddPair("Environment", target).AddPair("Back to", Version));
    }

    /// <summary>The manifest Package wrote in this run, or, when packaging was skipped, the one already in artifacts/ (said so).</summary>
    ArtifactManifest PackagedManifest()
    {
        if (this.HasSucceeded(nameof(Manifest)))
            return ArtifactManifestFile.Read(ManifestFile);
        if (!File.Exists(ManifestFile))
            throw new InvalidOperationException($"{RootDirectory.GetRelativePathTo(ManifestFile)} does not exist and packaging was skipped; fix: run ./build.sh Package once (or drop --skip)");
        var manifest = ArtifactManifestFile.Read(ManifestFile);
        var head = TryRepository()?.Commit;
        var commit = manifest.Commit.Length > 7 ? manifest.Commit[..7] : manifest.Commit;
        var checkout = head is null ? "" : head[..Math.Min(7, head.Length)];
        var stale = head is not null && manifest.Commit != "unknown" && !head.StartsWith(manifest.Commit, StringComparison.OrdinalIgnoreCase) && !manifest.Commit.StartsWith(head, StringComparison.OrdinalIgnoreCase);
        // Artifacts of another commit would go out (and be stored) under that commit's version while the checkout says otherwise.
        if (stale && !this.IsForced())
            throw new InvalidOperationException($"{RootDirectory.GetRelativePathTo(ManifestFile)} was packaged at commit {commit} (version {manifest.Version}), but the checkout is at {checkout}; " +
                                                "fix: run ./build.sh Package (or drop --skip), or add --force to deploy those artifacts as they are");
        Log.Information("Reusing artifacts/ from version {Version} at {Commit} (Package skipped){Stale}", manifest.Version, commit,
            stale ? $"; the checkout is at {checkout} (--force)" : "");
        return manifest;
    }

    bool deployedLocally;

    /// <summary>A local deploy ends with where to look: the site, and the mail its contact form sends.</summary>
    void PrintLocalSite()
    {
        deployRun?.Dispose();
        if (deployedLocally && IsSucceeding && localEndpoints is not null)
            Console.WriteLine($"Site: {localEndpoints.Site}/{System.Environment.NewLine}Mail: {localEndpoints.Ses}/ (what the contact form sends)");
    }

    // CloudFront takes tens of seconds to finish an invalidation; the local cloud a moment.
    TimeSpan InvalidationPollInterval => localEndpoints is null ? TimeSpan.FromSeconds(10) : TimeSpan.FromMilliseconds(500);

    /// <summary>The build's own identity writes artifacts; the environment's deploy role (assumed with STS) deploys.</summary>
    async Task<(AwsSession Build, AwsSession DeployRole)> SessionsAsync(string environmentName, CancellationToken ct)
    {
        var environment = Environments.Environments[environmentName];
        var build = AwsSession.Create(SessionOptionsFor(AwsVariables()));
        var identity = await build.GetCallerIdentityAsync(ct);
        foreach (var secret in await build.SecretsAsync())
            SecretMasking.Register(secret);
        Log.Information("Build identity {Arn} (from {Source})", identity.Arn, build.Source);
        var role = await build.AssumeRoleAsync(new RoleAssumption(environment.DeployRole, BuildId, externalId: environment.ExternalId), SecretMasking.Register, ct);
        Log.Information("Deploying as {Role}", environment.DeployRole);
        return (build, role);
    }

    /// <summary>
    /// The build's own secret key and session token (environment or profile) are masked from the start, like the assumed
    /// role's: a child process that fails and prints its environment (Gatsby, npm) must not show them.
    /// </summary>
    protected override void OnBuildInitialized()
    {
        RefuseSiteContentWithoutPosts();
        foreach (var secret in AwsSession.ConfiguredSecrets(new SessionOptions { Environment = new AwsEnvironment(AwsVariablesOfProcess()), Profile = AwsProfile }))
            SecretMasking.Register(secret);
    }

    static IReadOnlyDictionary<string, string> AwsVariablesOfProcess() =>
        ProcessEnvironment.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!);

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
    SourceRevision? TryRepository()
    {
        try { return Repository; }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>CloudTrail shows which build acted: CodeBuild's build id, else the user and time on a workstation.</summary>
    string BuildId => System.Environment.GetEnvironmentVariable("CODEBUILD_BUILD_ID")
        ?? $"{System.Environment.UserName}-{DateTime.UtcNow:yyyyMMddHHmmss}";
}
