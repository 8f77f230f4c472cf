using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3.Model;
using AwsAccess;
using Deploy.Artifacts;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Tests.Environments;
using Deploy.Tests.Site;

namespace Deploy.Tests.Deployment;

/// <summary>
/// DeployArtifacts, DeploySite and DeployFunctions minus the targets: each part of a deploy against the local cloud,
/// with the local cloud's state (site objects, stored artifacts, function code and aliases) read before and after, and
/// every write it authorized (its IAM decision log: PutObject, DeleteObject, CreateInvalidation, Lambda's updates) listed,
/// so "writes only its part" is checked against what the cloud saw, not what the deployer says. In place here;
/// Releases/TargetedReleaseDeployTests runs the same in release mode (a local cloud of its own).
/// </summary>
public class TargetedDeployTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>, IDisposable
{
    static readonly string[] WriteActions =
    [
        "s3:PutObject", "s3:DeleteObject", "cloudfront:CreateInvalidation", "cloudfront-keyvaluestore:UpdateKeys", "cloudfront-keyvaluestore:PutKey",
        "lambda:UpdateFunctionCode", "lambda:PublishVersion", "lambda:UpdateAlias", "lambda:CreateAlias",
    ];

    protected virtual string Mode => SiteModes.InPlace;

    bool InPlace => Mode == SiteModes.InPlace;

    readonly string work = Directory.CreateTempSubdirectory("targeted-deploy-").FullName;
    EnvironmentsFile? environments;
    EnvironmentsFile file => environments ??= EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson).WithLocalIn(Mode);
    DeployEnvironment Local => file.Environments["local"];

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task Each_part_writes_only_its_own_and_a_full_deploy_writes_all_of_them_in_order()
    {
        var (build, role) = await SessionsAsync();
        await RunAsync(await PackageAsync("1.0.0", new GeneratedSite(Pages: 3), "one"), build, role, null); // the baseline: everything deployed
        var v2 = await PackageAsync("2.0.0", new GeneratedSite(Pages: 3, Version: "v2", EditedPages: new HashSet<int> { 1 }), "two");

        // DeploySite: the site (and its zip in the store), one invalidation (in release mode: one promote instead); no function is touched.
        var (before, after, writes) = await ObserveAsync(build, role, () => RunAsync(v2, build, role, DeployScope.SiteOnly, DeployPart.Site));
        Assert.NotEqual(before.Site, after.Site);
        Assert.Equal(before.Functions, after.Functions);
        Assert.Equal(["jamstack/local/site/2.0.0/"], NewStoreKeys(before, after).Select(VersionPrefix).Distinct());
        Assert.Single(writes, w => w.Action == (InPlace ? "cloudfront:CreateInvalidation" : "cloudfront-keyvaluestore:PutKey"));
        Assert.DoesNotContain(writes, w => w.Action.StartsWith("lambda:"));
        Assert.All(writes.Where(w => w.Action.StartsWith("s3:")), w => Assert.Matches("^arn:aws:s3:::(jamstack-site-local|jamstack-artifacts-local-eu-central-1/jamstack/local/site/)", w.Resource));

        // DeployFunctions --function contact-form: its zip, its code and alias; not the site bucket, not CloudFront, not mail-forwarder.
        (before, after, writes) = await ObserveAsync(build, role, () => RunAsync(v2, build, role, DeployScope.OnlyFunctions("contact-form"), DeployPart.Functions));
        Assert.Equal(before.Site, after.Site);
        Assert.NotEqual(before.Functions["contact-form"], after.Functions["contact-form"]);
        Assert.Equal(before.Functions["mail-forwarder"], after.Functions["mail-forwarder"]);
        Assert.Equal(["jamstack/local/contact-form/2.0.0/"], NewStoreKeys(before, after).Select(VersionPrefix).Distinct());
        Assert.DoesNotContain(writes, w => w.Action.StartsWith("cloudfront") || w.Resource.Contains("jamstack-site-local"));
        Assert.All(writes.Where(w => w.Action.StartsWith("lambda:")), w => Assert.Contains(":function:jamstack-local-contact-form", w.Resource));
        Assert.Contains(writes, w => w.Action == "lambda:UpdateFunctionCode");

        // DeployArtifacts: the zips still missing from the stores (mail-forwarder's), nothing else.
        (before, after, writes) = await ObserveAsync(build, role, () => RunAsync(v2, build, role, null, DeployPart.Artifacts));
        Assert.Equal(before.Site, after.Site);
        Assert.Equal(before.Functions, after.Functions);
        Assert.Equal(["jamstack/local/mail-forwarder/2.0.0/"], NewStoreKeys(before, after).Select(VersionPrefix).Distinct());
        Assert.All(writes, w => Assert.Equal("s3:PutObject", w.Action));

        // Deploy (the three parts in order): every artifact stored before the first site object, site phases, the
        // invalidation, the deletions, then the functions; and everything the targeted deploys wrote, it writes too.
        var v3 = await PackageAsync("3.0.0", new GeneratedSite(Pages: 2, Version: "v3", EditedPages: new HashSet<int> { 0 }), "three");
        (before, after, writes) = await ObserveAsync(build, role, () => RunAsync(v3, build, role, null, DeployPart.Artifacts, DeployPart.Site, DeployPart.Functions));
        Assert.Equal(["jamstack/local/contact-form/3.0.0/", "jamstack/local/mail-forwarder/3.0.0/", "jamstack/local/site/3.0.0/"],
            NewStoreKeys(before, after).Select(VersionPrefix).Distinct().Order());
        Assert.All(Local.Functions.Keys, name => Assert.NotEqual(before.Functions[name], after.Functions[name]));
        var order = writes.Select(w => w.Kind).Distinct().ToList();
        Assert.Equal(InPlace
            ? ["store", "site put", "invalidation", "site delete", "site state", "function"]
            : ["store", "site put", "release manifest", "switch entries", "release catalogue", "promote", "function"], order);
        Assert.True(IsGrouped(writes.Select(w => w.Kind).ToList()), string.Join("\n", writes));
    }

    [Fact]
    public async Task A_part_whose_artifact_is_not_in_the_manifest_or_was_changed_since_is_refused_before_any_write()
    {
        var (build, role) = await SessionsAsync();
        var request = await PackageAsync("9.0.0", new GeneratedSite(Pages: 1), "nine");
        var siteOnly = request with { Manifest = request.Manifest with { Artifacts = request.Manifest.Artifacts.Where(a => a.Kind == "site").ToList() } };

        var missing = Assert.Throws<ArtifactException>(() => EnvironmentDeploy.Open(siteOnly with { Scope = DeployScope.OnlyFunctions("mail-forwarder") }, build, role, TextWriter.Null));
        Assert.Contains("lists no artifact for function 'mail-forwarder'", missing.Message);
        Assert.Contains("fix: run ./build.sh Package", missing.Message);

        await File.AppendAllTextAsync(Path.Combine(request.ArtifactsFolder, "contact-form.zip"), "changed after Package");
        var (before, after, writes) = await ObserveAsync(build, role, async () =>
        {
            using var deploy = EnvironmentDeploy.Open(request with { Scope = DeployScope.OnlyFunctions("contact-form") }, build, role, TextWriter.Null);
            var changed = await Assert.ThrowsAsync<ArtifactException>(() => deploy.PrepareAsync(default));
            Assert.Matches(@"contact-form\.zip is not the file .*manifest\.json lists .*; fix: run ./build.sh Package again$", changed.Message);
        });
        Assert.Empty(writes);
        Assert.Equal(before, after);
    }

    async Task RunAsync(DeployRequest request, AwsSession build, AwsSession role, DeployScope? scope, params DeployPart[] parts)
    {
        using var deploy = EnvironmentDeploy.Open(request with { Scope = scope }, build, role, TextWriter.Null);
        await deploy.PrepareAsync(default);
        foreach (var part in parts.Length == 0 ? Enum.GetValues<DeployPart>() : parts)
            await deploy.CompleteAsync(part, default);
    }

    sealed record CloudState(string Site, IReadOnlyList<string> Store, IReadOnlyDictionary<string, string> Functions)
    {
        public bool Equals(CloudState? other) => other is not null && Site == other.Site && Store.SequenceEqual(other.Store)
            && Functions.OrderBy(f => f.Key).SequenceEqual(other.Functions.OrderBy(f => f.Key));
        public override int GetHashCode() => Site.GetHashCode();
    }

    sealed record Write(string Action, string Resource)
    {
        public string Kind => Action switch
        {
            _ when Resource.EndsWith("/" + DeployLock.Key) => "lock",
            "cloudfront:CreateInvalidation" => "invalidation",
            "cloudfront-keyvaluestore:UpdateKeys" => "switch entries",
            "cloudfront-keyvaluestore:PutKey" => "promote",
            "s3:PutObject" when Resource.EndsWith("/_deploy/releases.json") => "release catalogue",
            "s3:PutObject" when Resource.Contains("/_deploy/releases/") => "release manifest",
            "s3:PutObject" when Resource.Contains(":::jamstack-artifacts-") => "store",
            "s3:PutObject" when Resource.EndsWith("/_deploy/state.json") => "site state",
            "s3:PutObject" => "site put",
            "s3:DeleteObject" => "site delete",
            _ => "function",
        };

        public override string ToString() => $"{Action} {Resource}";
    }

    /// <summary>The state before and after, and the writes the local cloud authorized in between (in order).</summary>
    async Task<(CloudState Before, CloudState After, IReadOnlyList<Write> Writes)> ObserveAsync(AwsSession build, AwsSession role, Func<Task> action)
    {
        var before = await StateAsync(build, role);
        var seen = Decisions().Count;
        await action();
        var writes = Decisions().Skip(seen).Where(d => d.Allowed && WriteActions.Contains(d.Action)).Select(d => new Write(d.Action, d.Resource)).ToList();
        // The site's deploy lock (DeployLock) is taken first and deleted last by every run with the site in scope; the rest is what the run deploys.
        var site = writes.Any(w => w.Kind == "lock");
        Assert.True(!site || (writes[0].Kind == "lock" && writes[0].Action == "s3:PutObject" && writes[^1] == new Write("s3:DeleteObject", writes[0].Resource)), string.Join("\n", writes));
        return (before, await StateAsync(build, role), writes.Where(w => w.Kind != "lock").ToList());
    }

    async Task<CloudState> StateAsync(AwsSession build, AwsSession role)
    {
        using var siteS3 = role.CreateS3(Local.Site.Region);
        var site = string.Join("\n", (await ListAsync(siteS3, Local.Site.Bucket)).Select(o => $"{o.Key} {o.ETag}"));
        var store = new List<string>();
        foreach (var (region, storeRegion) in file.StoreOf(Local).Regions)
        {
            using var s3 = build.CreateS3(region);
            store.AddRange((await ListAsync(s3, storeRegion.Bucket)).Select(o => o.Key));
        }
        var functions = new Dictionary<string, string>();
        foreach (var (name, function) in Local.Functions)
        {
            using var lambda = role.CreateLambda(function.Region);
            var configuration = await lambda.GetFunctionConfigurationAsync(function.FunctionName, null, default);
            var alias = await lambda.GetAliasAsync(function.FunctionName, function.Alias, default);
            functions[name] = $"{configuration.CodeSha256} {alias?.FunctionVersion}";
        }
        return new CloudState(site, store.Order(StringComparer.Ordinal).ToList(), functions);
    }

    static async Task<IReadOnlyList<S3Object>> ListAsync(S3Connection s3, string bucket) =>
        (await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? [];

    sealed record Decision(string Action, string Resource, bool Allowed);

    List<Decision> Decisions() =>
        File.ReadAllLines(Path.Combine(cloud.StateDirectory, "iam", "decisions.jsonl")).Where(l => l.Length > 0).Select(line =>
        {
            using var entry = JsonDocument.Parse(line);
            var request = entry.RootElement.GetProperty("request");
            return new Decision(request.GetProperty("action").GetString()!, request.GetProperty("resource").GetString()!, entry.RootElement.GetProperty("allowed").GetBoolean());
        }).ToList();

    static IEnumerable<string> NewStoreKeys(CloudState before, CloudState after) => after.Store.Except(before.Store);

    static string VersionPrefix(string key) => string.Join('/', key.Split('/').Take(4)) + "/"; // <project>/<environment>/<artifact>/<version>/

    /// <summary>Each kind of write happens in one run, never interleaved with another kind.</summary>
    static bool IsGrouped(IReadOnlyList<string> kinds) =>
        kinds.Where((kind, i) => i == 0 || kinds[i - 1] != kind).Count() == kinds.Distinct().Count();

    Task<(AwsSession Build, AwsSession DeployRole)> SessionsAsync() => LocalSessions.OpenAsync(cloud.Api, Local.DeployRole, "targeted-tests");

    Task<DeployRequest> PackageAsync(string version, GeneratedSite site, string code) =>
        LocalPackages.PackageAsync(work, file, version, site, video: null, dryRun: false, code);
}
