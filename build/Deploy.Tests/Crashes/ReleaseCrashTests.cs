using Deploy.Tests.Deployment;
using Xunit.Abstractions;

namespace Deploy.Tests.Crashes;

/// <summary>
/// A release deploy (the default mode) SIGKILLed at seeded points over its phases (see <see cref="CrashRun"/>): reading
/// the catalogue, the newest manifest and the live release, the release's files, its manifest, the key value store's
/// path entries, the catalogue, the promote, the functions and the lock. Visitors get the live release whole until the
/// one switch write, and the rerun converges. A local cloud of its own: the shared one holds in-place deploys.
/// </summary>
public sealed class ReleaseCrashTests(QuickLocalCloudFixture cloud, ITestOutputHelper output) : IClassFixture<QuickLocalCloudFixture>
{
    const string Site = CrashRun.Site;
    const string Function = CrashRun.Function;
    const string Store = "/key-value-stores/[^/]+";

    static readonly CrashPoint[] Points =
    [
        new("sessions", "^sts POST /", 1, CrashChange.Version),
        new("lock", $"^s3 PUT /{Site}/_deploy/lock\\.json", 1, CrashChange.Version),
        new("catalogue read", $"^s3 GET /{Site}/_deploy/releases\\.json", 1, CrashChange.Version),
        new("newest manifest read", $"^s3 GET /{Site}/_deploy/releases/\\d+\\.json", 1, CrashChange.Version),
        new("live release read", $"^cloudfront-keyvaluestore GET {Store}/keys/live", 1, CrashChange.Version),
        new("artifacts", "^s3 PUT /jamstack-artifacts-local-", 3, CrashChange.Version),
        new("release files", $"^s3 PUT /{Site}/_releases/", 4, CrashChange.Site),
        new("release files", $"^s3 PUT /{Site}/_releases/", 4, CrashChange.Site),
        new("release files", $"^s3 PUT /{Site}/_releases/", 4, CrashChange.Site),
        new("release manifest", $"^s3 PUT /{Site}/_deploy/releases/\\d+\\.json", 1, CrashChange.Site),
        new("release manifest", $"^s3 PUT /{Site}/_deploy/releases/\\d+\\.json", 1, CrashChange.Site),
        new("path entries", $"^cloudfront-keyvaluestore POST {Store}/keys$", 1, CrashChange.Site),
        new("path entries", $"^cloudfront-keyvaluestore POST {Store}/keys$", 1, CrashChange.Site),
        new("catalogue write", $"^s3 PUT /{Site}/_deploy/releases\\.json", 1, CrashChange.Site),
        new("catalogue write", $"^s3 PUT /{Site}/_deploy/releases\\.json", 1, CrashChange.Site),
        new("promote", $"^cloudfront-keyvaluestore PUT {Store}/keys/live", 1, CrashChange.Site),
        new("promote", $"^cloudfront-keyvaluestore PUT {Store}/keys/live", 1, CrashChange.Site),
        new("function code", $"^lambda PUT {Function}/code$", 2, CrashChange.Functions),
        new("function version", $"^lambda POST {Function}/versions$", 2, CrashChange.Functions),
        new("function alias", $"^lambda PUT {Function}/aliases/", 2, CrashChange.Functions),
        new("lock release", $"^s3 DELETE /{Site}/_deploy/lock\\.json", 1, CrashChange.Version),
    ];

    [Fact]
    public Task A_release_deploy_killed_anywhere_leaves_the_live_release_whole_and_the_next_deploy_converges() =>
        CrashRun.RunAsync(cloud, SiteModes.Release, Points, output, seed: 26);
}
