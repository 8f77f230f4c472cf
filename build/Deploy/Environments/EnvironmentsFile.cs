namespace Deploy.Environments;

/// <summary>The typed form of infra/environments.json: the one source of account, store and environment names.</summary>
public sealed record EnvironmentsFile(
    string Project,
    string PipelineRegion,
    IReadOnlyDictionary<string, Account> Accounts,
    IReadOnlyDictionary<string, ArtifactStore> ArtifactStores,
    IReadOnlyDictionary<string, DeployEnvironment> Environments)
{
    public IReadOnlyList<string> EnvironmentNames => Environments.Keys.ToList();

    public Account AccountOf(DeployEnvironment environment) => Accounts[environment.Account];

    public ArtifactStore StoreOf(DeployEnvironment environment) => ArtifactStores[environment.ArtifactStore];
}

public sealed record Account(string Id, string? Email);

/// <summary>A KMS-encrypted artifact store: one bucket and key per region, all in one account.</summary>
public sealed record ArtifactStore(string Account, IReadOnlyDictionary<string, StoreRegion> Regions);

public sealed record StoreRegion(string Bucket, string KmsKey);

public sealed record DeployEnvironment(
    string Account,
    IReadOnlyList<string> Branches,
    string DeployRole,
    string? ExternalId,
    string ArtifactStore,
    SiteTarget Site,
    IReadOnlyDictionary<string, FunctionTarget> Functions,
    IReadOnlyList<string>? Deploy = null,
    ApprovalSettings? Approval = null,
    SourceSettings? Source = null)
{
    /// <summary>The parts a Deploy writes here ("site", "functions"); both unless environments.json narrows it.</summary>
    public IReadOnlyList<string> DeployParts => Deploy ?? [Environments.DeployParts.Site, Environments.DeployParts.Functions];
}

/// <summary>The parts of a deploy, as environments.json, DEPLOY_PARTS and --deploy-parts name them.</summary>
public static class DeployParts
{
    public const string Site = "site";
    public const string Functions = "functions";

    public static IReadOnlyList<string> All { get; } = [Site, Functions];
}

/// <summary>The manual approval before an environment's deploy: who is notified, and which roles may approve.</summary>
public sealed record ApprovalSettings(IReadOnlyList<string> Subscribers, IReadOnlyList<string>? Approvers = null);

/// <summary>
/// Where an environment's pipelines read the code: CodeCommit (the default; the repository is named after the project),
/// or a repository ("owner/name") on GitHub, GitLab or Bitbucket read through a connection. Terraform reads it; the
/// build finds branch and commit the same way for both (SourceRevision).
/// </summary>
public sealed record SourceSettings(string Provider, string? Repository = null)
{
    public const string CodeCommit = "CodeCommit";
}

/// <param name="KeyValueStoreArn">The release switch (static-site's key_value_store_arn): the live release is a key there.</param>
public sealed record SiteTarget(string Region, string Bucket, string DistributionId, string Domain, string? KeyValueStoreArn = null);

public sealed record FunctionTarget(
    string FunctionName,
    string Region,
    string Alias,
    IReadOnlyDictionary<string, string> Environment);
