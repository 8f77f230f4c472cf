using Deploy.Reporting;
using Deploy.Site;

namespace Deploy.Tests.Reporting;

public class ProgressTests
{
    [Fact]
    public void CI_gets_one_line_per_phase_invalidation_and_deletion()
    {
        var output = new StringWriter { NewLine = "\n" };
        ISiteProgress progress = new CiProgress(output);
        progress.PhaseStarted(SitePhase.HashedAssets, 3, 3072);
        progress.Uploaded(SitePhase.HashedAssets, new Upload("a.js", "/a.js", 1024, "", "", UploadReason.New, new FileETags("0", null)));
        progress.PhaseCompleted(SitePhase.HashedAssets, 3, 3072, TimeSpan.FromSeconds(1.25));
        progress.Invalidating(["/", "/index.html"]);
        progress.Invalidated(TimeSpan.FromSeconds(30));
        progress.Deleted(2, 2048);

        Assert.Equal("""
            site phase 1/4 hashed assets: uploaded 3 objects, 3.0 KB in 1.3s
            invalidating 2 paths: / /index.html
            invalidation completed in 30.0s
            deleted 2 objects (2.0 KB) no longer part of the site

            """, output.ToString());
    }

    [Fact]
    public void A_terminal_gets_one_line_rewritten_in_place()
    {
        var output = new StringWriter { NewLine = "\n" };
        ISiteProgress progress = new LiveProgress(output);
        progress.PhaseStarted(SitePhase.Html, 2, 2048);
        progress.Uploaded(SitePhase.Html, new Upload("a.html", "/a.html", 1024, "", "", UploadReason.New, new FileETags("0", null)));
        progress.Uploaded(SitePhase.Html, new Upload("b.html", "/b.html", 1024, "", "", UploadReason.New, new FileETags("0", null)));
        progress.PhaseCompleted(SitePhase.Html, 2, 2048, TimeSpan.FromSeconds(2));

        var text = output.ToString();
        Assert.StartsWith("\rphase 4/4 HTML 0/2 · 0 B/2.0 KB", text);
        Assert.Contains("\rphase 4/4 HTML 2/2 · 2.0 KB/2.0 KB", text);
        Assert.EndsWith("phase 4/4 HTML: 2 objects, 2.0 KB in 2.0s\n", text.TrimEnd(' '));
        Assert.Single(text.Split('\n'), l => l.Length > 0);
    }
}
