using Deploy.Reporting;
using Deploy.Site;

namespace Deploy.Tests.Reporting;

public class DryRunReportTests
{
    static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    static Upload Up(string key, long size, UploadReason reason) =>
        new(key, "/site/" + key, size, ContentTypes.For(key), CachePolicy.For(key), reason, new FileETags("00", null));

    static SitePlan Plan() => new(
        "jamstack-site-333333333333",
        [
            new UploadPhase(SitePhase.HashedAssets, [Up("app-0123456789abcdef0123.js", 2048, UploadReason.New)]),
            new UploadPhase(SitePhase.OtherFiles, []),
            new UploadPhase(SitePhase.PageData, [Up("page-data/blog/a/page-data.json", 512, UploadReason.ChangedContent)]),
            new UploadPhase(SitePhase.Html, [Up("blog/a/index.html", 1536, UploadReason.ChangedContent), Up("index.html", 100, UploadReason.ChangedMetadata)]),
        ],
        ["/", "/blog/a/", "/blog/a/index.html", "/index.html", "/page-data/blog/a/page-data.json"],
        [new Deletion("blog/old/index.html", 300)],
        [new KeptObject("app-fedcba9876543210fedc.js", "hashed asset in its grace period (7 days left)")],
        [],
        null,
        40,
        new DeployState("d2", Now, "d1", new Dictionary<string, ObjectState>()),
        true);

    [Fact]
    public void Prints_every_kind_of_write_with_counts_and_bytes()
    {
        var output = new StringWriter { NewLine = "\n" };
        new DryRunReport(output).Write("dev",
            [new ArtifactLine("site", "jamstack-artifacts-222222222222-eu-central-1", "jamstack/site/1.2.0/site-0123456789abcdef.zip", 3_500_000, false),
             new ArtifactLine("contact-form", "jamstack-artifacts-222222222222-eu-central-1", "jamstack/contact-form/1.2.0/contact-form-aaaaaaaaaaaaaaaa.zip", 20_480, true)],
            Plan(),
            [new FunctionLine("contact-form", "jamstack-dev-contact-form", "eu-central-1", false, "deployed CodeSha256 equals the artifact's"),
             new FunctionLine("mail-forwarder", "jamstack-dev-mail-forwarder", "eu-west-1", true, "code changed")]);

        Assert.Equal("""
            Dry run for environment 'dev': nothing is written.
            Artifacts: 1 to upload (3.3 MB), 1 already stored
              upload  site → s3://jamstack-artifacts-222222222222-eu-central-1/jamstack/site/1.2.0/site-0123456789abcdef.zip (3.3 MB)
              stored  contact-form → s3://jamstack-artifacts-222222222222-eu-central-1/jamstack/contact-form/1.2.0/contact-form-aaaaaaaaaaaaaaaa.zip (20.0 KB)
            Site s3://jamstack-site-333333333333: 4 objects to upload (4.1 KB), 40 unchanged
              phase 1/4 hashed assets: 1 object, 2.0 KB
                  new       app-0123456789abcdef0123.js (2.0 KB, public, max-age=31536000, immutable)
              phase 2/4 other files: 0 objects, 0 B
              phase 3/4 page data: 1 object, 512 B
                  changed   page-data/blog/a/page-data.json (512 B, public, max-age=0, must-revalidate)
              phase 4/4 HTML: 2 objects, 1.6 KB
                  changed   blog/a/index.html (1.5 KB, public, max-age=0, must-revalidate)
                  headers   index.html (100 B, public, max-age=0, must-revalidate)
            Invalidate: 5 paths: / /blog/a/ /blog/a/index.html /index.html /page-data/blog/a/page-data.json
            Delete: 1 object (300 B)
                  blog/old/index.html
            Keep: 1 object no longer in the site
                  app-fedcba9876543210fedc.js: hashed asset in its grace period (7 days left)
            Functions: 1 to update, 1 unchanged
              skip    contact-form (jamstack-dev-contact-form, eu-central-1): deployed CodeSha256 equals the artifact's
              update  mail-forwarder (jamstack-dev-mail-forwarder, eu-west-1): code changed

            """, output.ToString());
    }

    [Fact]
    public void Refused_deletions_are_reported_with_the_fix()
    {
        var output = new StringWriter { NewLine = "\n" };
        var plan = Plan() with { Deletions = [], RefusedDeletions = [new Deletion("a", 1)], RefusalMessage = "1 stale objects exceed the delete cap of 0, so none were deleted; fix: check the site folder, then run again with --force to delete them" };
        new DryRunReport(output).WriteSite(plan);
        Assert.Contains("Delete: 0 objects (0 B)\n", output.ToString());
        Assert.Contains("Refused: 1 stale objects exceed the delete cap of 0, so none were deleted; fix: check the site folder, then run again with --force to delete them\n", output.ToString());
    }

    [Fact]
    public void Long_lists_are_cut_with_a_count()
    {
        var output = new StringWriter { NewLine = "\n" };
        var many = Enumerable.Range(0, 25).Select(i => Up($"static/{i:D2}.png", 10, UploadReason.New)).ToList();
        var plan = Plan() with { Phases = [new UploadPhase(SitePhase.HashedAssets, many)] };
        new DryRunReport(output, listPerSection: 20).WriteSite(plan);
        Assert.Contains("static/19.png", output.ToString());
        Assert.DoesNotContain("static/20.png", output.ToString());
        Assert.Contains("      … and 5 more\n", output.ToString());
    }
}
