using BuildGraph;
using BuildGraph.Extensions;
using Deploy.Deployment;
using Deploy.Environments;

/// <summary>
/// The deploy targets. Deploy is its three parts in order (DeployArtifacts → DeploySite → DeployFunctions); each part
/// can be invoked alone and depends only on what it needs. The environment, the refusals, the credentials, the local
/// cloud and the artifacts are the same for all of them (Build.DeployRun.cs); the writing is in build/Deploy.
/// </summary>
partial class Build
{
    [Parameter("Environment to deploy to: local, dev or prod (default: from the branch; local without AWS credentials outside CI)")]
    readonly string? Environment;

    [Parameter("AWS profile of the build's own identity (SSO, keys or a role); default: the SDK's credential chain")]
    readonly string? AwsProfile;

    [Parameter("Print what the deploy targets or Rollback would upload, update, invalidate and delete, and write nothing")]
    readonly bool DryRun;

    [Parameter("Version Rollback puts back (a version an earlier Deploy uploaded to the artifact stores)")]
    readonly string? Version;

    [Parameter("Functions Deploy, DeployFunctions or Rollback writes, by their names in infra/environments.json (repeat or comma-separate); default: all")]
    readonly string[]? Function;

    [Parameter("Deploy or Rollback writes the site only, no function")]
    readonly bool SiteOnly;

    [Parameter("Narrows Deploy and Rollback to site and/or functions, as an environment's \"deploy\" in environments.json does (never widens it); CodeBuild: DEPLOY_PARTS")]
    readonly string[]? DeployParts;

    Target SelectEnvironment => _ => _
        .Unlisted()
        .Description("Picks the environment and what to deploy there, and refuses before any work what could not be deployed")
        .Before(Restore, RestoreSite, RestoreLambdas, RestoreTools, CompileSite, PackageSite, PackageLambdas, Manifest, Package, LocalUp)
        .Executes(() => { CheckDeployable(); });

    Target DeployArtifacts => _ => _
        .Description("Uploads the packaged zips this run deploys to the environment's KMS-encrypted artifact stores")
        .DependsOn(SelectEnvironment, PackageSite, PackageLambdas, Manifest, LocalUp)
        .Executes(ct => DeployAsync(DeployPart.Artifacts, ct));

    Target DeploySite => _ => _
        .Description("Syncs the packaged site to its bucket, invalidates CloudFront and deletes stale objects (stores site.zip first)")
        .DependsOn(SelectEnvironment, PackageSite, Manifest, LocalUp)
        .After(DeployArtifacts)
        .OnlyWhenStatic(() => ScopeMayHaveSite)
        .Executes(ct => DeployAsync(DeployPart.Site, ct));

    Target DeployFunctions => _ => _
        .Description("Updates the functions (--function <name> for some) from their stored zips and moves their aliases")
        .DependsOn(SelectEnvironment, PackageLambdas, Manifest, LocalUp)
        .After(DeployArtifacts, DeploySite)
        .OnlyWhenStatic(() => ScopeMayHaveFunctions)
        .Executes(ct => DeployAsync(DeployPart.Functions, ct));

    Target Deploy => _ => _
        .Description("Deploys the packaged site and functions: DeployArtifacts, DeploySite, DeployFunctions (--dry-run prints the plan and writes nothing)")
        .DependsOn(DeployArtifacts, DeploySite, DeployFunctions)
        .Executes(ct => DeployAsync(null, ct));

    Target Rollback => _ => _
        .Description("Puts a previous version's site and functions back from the artifact stores (--version V; --site-only or --function F for a part)")
        .DependsOn(SelectEnvironment, LocalUp)
        .Requires(() => Version)
        .Executes(RollbackAsync);
}
