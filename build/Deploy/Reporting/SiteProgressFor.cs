using Deploy.Site;

namespace Deploy.Reporting;

/// <summary>Chooses the progress display: a live line on an interactive terminal, plain lines in CI or when redirected.</summary>
public static class SiteProgressFor
{
    public static ISiteProgress Console(bool isCI) =>
        !isCI && !System.Console.IsOutputRedirected ? new LiveProgress(System.Console.Out) : new CiProgress(System.Console.Out);
}
