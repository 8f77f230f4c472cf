using Deploy.Tests.Deployment;
using Xunit.Abstractions;

namespace Deploy.Tests.Crashes;

/// <summary>
/// An in-place deploy SIGKILLed at seeded points spread over every phase (see <see cref="CrashRun"/>). In place, its
/// phases are the ones a visitor could see half done: each site phase, the invalidation and its wait, the stale deletes,
/// the state write. Each deploy changes every phase: new versions (artifacts), bundles, other files, page data, every
/// page, a stale file to delete, both functions. DEPLOY_CRASH_KILLS=N runs N kills (default: each point below once) on
/// a larger site.
/// </summary>
[Collection(SharedLocalCloud.Name)]
public sealed class CrashTests(QuickLocalCloudFixture cloud, ITestOutputHelper output)
{
    const string Site = CrashRun.Site;
    const string Function = CrashRun.Function;

    static readonly CrashPoint[] Points =
    [
        new("sessions", "^sts POST /", 1, CrashChange.Version),
        new("lock", $"^s3 PUT /{Site}/_deploy/lock\\.json", 1, CrashChange.Version),
        new("site listing", $"^s3 GET /{Site}/?\\?", 1, CrashChange.Version),
        new("artifacts", "^s3 PUT /jamstack-artifacts-local-", 3, CrashChange.Version),
        new("hashed assets", $"^s3 PUT /{Site}/(app-|styles\\.)", 2, CrashChange.Site),
        new("hashed assets", $"^s3 PUT /{Site}/(app-|styles\\.)", 2, CrashChange.Site),
        new("other files", $"^s3 PUT /{Site}/(robots\\.txt|sitemap-0\\.xml|only-)", 3, CrashChange.Site),
        new("page data", $"^s3 PUT /{Site}/page-data/", 2, CrashChange.Site),
        new("page data", $"^s3 PUT /{Site}/page-data/", 2, CrashChange.Site),
        new("html", $"^s3 PUT /{Site}/.*\\.html", 3, CrashChange.Site),
        new("html", $"^s3 PUT /{Site}/.*\\.html", 3, CrashChange.Site),
        new("invalidation", "^cloudfront POST /2020-05-31/distribution/[^/]+/invalidation$", 1, CrashChange.Site),
        new("invalidation wait", "^cloudfront GET /2020-05-31/distribution/[^/]+/invalidation/", 1, CrashChange.Site),
        new("stale deletes", $"^s3 POST /{Site}/?\\?delete", 1, CrashChange.Site),
        new("stale deletes", $"^s3 POST /{Site}/?\\?delete", 1, CrashChange.Site),
        new("state write", $"^s3 PUT /{Site}/_deploy/state\\.json", 1, CrashChange.Version),
        new("state write", $"^s3 PUT /{Site}/_deploy/state\\.json", 1, CrashChange.Version),
        new("function code", $"^lambda PUT {Function}/code$", 2, CrashChange.Functions),
        new("function code", $"^lambda PUT {Function}/code$", 2, CrashChange.Functions),
        new("function wait", $"^lambda GET {Function}/configuration$", 4, CrashChange.Functions),
        new("function version", $"^lambda POST {Function}/versions$", 2, CrashChange.Functions),
        new("function version", $"^lambda POST {Function}/versions$", 2, CrashChange.Functions),
        new("function alias", $"^lambda PUT {Function}/aliases/", 2, CrashChange.Functions),
        new("function alias", $"^lambda PUT {Function}/aliases/", 2, CrashChange.Functions),
        new("lock release", $"^s3 DELETE /{Site}/_deploy/lock\\.json", 1, CrashChange.Version),
    ];

    [Fact]
    public Task A_deploy_killed_anywhere_leaves_a_complete_site_and_the_next_deploy_converges() =>
        CrashRun.RunAsync(cloud, SiteModes.InPlace, Points, output, seed: 25);
}
