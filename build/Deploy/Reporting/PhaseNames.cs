using Deploy.Site;

namespace Deploy.Reporting;

public static class PhaseNames
{
    public static string Of(SitePhase phase) => phase switch
    {
        SitePhase.HashedAssets => "hashed assets",
        SitePhase.OtherFiles => "other files",
        SitePhase.PageData => "page data",
        SitePhase.Html => "HTML",
        _ => phase.ToString(),
    };
}
