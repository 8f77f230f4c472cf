using BuildGraph;
using BuildGraph.Extensions;
using Deploy.Releases;
using Deploy.Site;
using Deploy.Reporting;

/// <summary>
/// Release mode's own targets: Promote makes a retained release live, Releases lists them; Deploy --no-promote
/// uploads a preview. Rollback in release mode is a promote of the older release (Build.DeployRun.cs).
/// </summary>
partial class Build
{
    [Parameter("Deploy in release mode uploads the release without making it live and prints its preview URL")]
    readonly bool NoPromote;

    Target Promote => _ => _
        .Description("Makes a retained release live (--version V: a version or a release id such as r12): one key value store write, no upload, no invalidation")
        .DependsOn(SelectEnvironment, LocalUp)
        .Requires(() => Version)
        .Executes(async ct =>
        {
            if (await OpenReleasesAsync(ct) is not { } releases) return;
            var release = await releases.FindAsync(Version!, ct);
            if (!DryRun) await releases.PromoteAsync(release, ct);
            Console.WriteLine($"{(DryRun ? "would make live" : "live")}: r{release.Id} ({release.Version} at {ShortSha(release.Commit)}, {release.CreatedAt:u}){(DryRun ? "" : "; one switch write, no upload, no invalidation")}");
            ReportSummary(_ => _.AddPair("Environment", TargetEnvironment).AddPair("Live", $"r{release.Id} ({release.Version})"));
        });

    Target Releases => _ => _
        .Description("Lists the site's retained releases: id, version, commit, time, size, and which one is live")
        .DependsOn(SelectEnvironment, LocalUp)
        .Executes(async ct =>
        {
            if (await OpenReleasesAsync(ct) is not { } releases) return;
            var (list, live) = await releases.ListAsync(ct);
            Console.WriteLine($"{"release",-8} {"version",-28} {"commit",-8} {"time (UTC)",-20} {"size",10} {"files",6}  live");
            foreach (var r in list)
                Console.WriteLine($"{"r" + r.Id,-8} {r.Version,-28} {ShortSha(r.Commit),-8} {r.CreatedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss} {Sizes.Format(r.Size),10} {r.Files,6}  " +
                                  (r.Id == live?.Id ? "live" : r.Id == live?.Previous ? "previous" : ""));
            if (list.Count == 0) Console.WriteLine("(no releases yet: ./build.sh Deploy makes the first)");
        });

    /// <summary>The environment's releases under its deploy role; null when nothing is deployed here (said why). In-place mode is refused in one line.</summary>
    async Task<ReleaseDeploy?> OpenReleasesAsync(CancellationToken ct)
    {
        if (CheckDeployable() is not { } target) return null;
        var environment = Environments.Environments[target];
        if (!environment.SiteReleases.IsReleaseMode)
            throw new InvalidOperationException($"environment '{target}' deploys its site in place (environments.{target}.releases.mode), so it has no releases; fix: set releases.mode to \"release\" in infra/environments.json, or use Rollback");
        await EnsureLocalCloudAsync(target, ct);
        var (_, role) = await SessionsAsync(target, ct);
        var s3 = role.CreateS3(environment.Site.Region);
        var kvs = role.CreateKeyValueStore();
        return new ReleaseDeploy(s3, environment.Site.Bucket, new KeyValueStoreSwitch(kvs, environment.Site.KeyValueStoreArn!), new SilentProgress(), new SyncSettings());
    }

    /// <summary>A deploy makes its release live unless --no-promote, or CI deploys a preview branch.</summary>
    bool PromotesRelease => !NoPromote && Selection is not global::Deploy.Environments.Resolution.Deploy { Preview: true };

    /// <summary>Locally the preview host is r&lt;id&gt;.preview.localhost on the local edge's port (browsers and curl resolve *.localhost to loopback).</summary>
    Func<int, string>? LocalPreviewUrl => localEndpoints is null ? null
        : id => { var site = new Uri(localEndpoints.Site); return $"{site.Scheme}://{ReleaseLayout.PreviewHost(id, site.Host)}:{site.Port}/"; };

    static string ShortSha(string commit) => commit.Length > 7 ? commit[..7] : commit;
}
