using Deploy.Site;

namespace Deploy.Tests.Deployment;

/// <summary>
/// How far the bucket is from the packaged site, read from a dry run's plan: objects missing (lost) and objects whose
/// content or headers differ (corrupt). Both zero after a converged deploy; the area lines of ./build.sh Test count them.
/// </summary>
static class SiteDrift
{
    public static int Lost(SitePlan plan) => plan.Uploads.Count(u => u.Reason == UploadReason.New);

    public static int Corrupt(SitePlan plan) => plan.Uploads.Count(u => u.Reason != UploadReason.New);
}
