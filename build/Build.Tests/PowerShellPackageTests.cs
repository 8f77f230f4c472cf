namespace BuildTests;

/// <summary>
/// build.ps1 for real, under pwsh, on a fresh clone of this commit: `--help` lists the targets as build.sh does, and
/// `Package` (the default target's work: npm ci, Gatsby, zips, manifest) succeeds. One clone and one Package
/// run: they take a minute or two.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PowerShellPackageTests : IDisposable
{
    readonly TemporaryDirectory clone = new();

    [Fact]
    public void Build_ps1_shows_help_and_packages_a_fresh_clone()
    {
        var pwsh = Pwsh.Path;
        Shell.Git(clone.Path, "clone", "--quiet", RepositoryRoot.Path, "repo");
        var repo = clone.Combine("repo");
        var environment = new Dictionary<string, string?> { ["DOTNET_ROOT"] = Pwsh.DotNetRoot, ["NUKE_BOOTSTRAP_ONLY"] = null };

        var help = Shell.Run(repo, pwsh, ["-NoLogo", "-NoProfile", "-File", "./build.ps1", "--help"], environment, timeout: TimeSpan.FromMinutes(5));
        Assert.True(help.ExitCode == 0, help.Error + help.Output);
        Assert.Contains("Usage:", help.Output);
        Assert.Matches(@"(?m)^\s+Package \*\s", help.Output);
        Assert.Contains("--target <string[]>", help.Output);

        var package = Shell.Run(repo, pwsh, ["-NoLogo", "-NoProfile", "-File", "./build.ps1", "Package", "--no-logo"], environment, timeout: TimeSpan.FromMinutes(10));
        Assert.True(package.ExitCode == 0, $"./build.ps1 Package exited {package.ExitCode}:\n{Tail(package.Output)}\n{package.Error}");
        Assert.True(File.Exists(Path.Combine(repo, "artifacts", "manifest.json")), "no artifacts/manifest.json");
        Assert.True(File.Exists(Path.Combine(repo, "artifacts", "site.zip")), "no artifacts/site.zip");
    }

    static string Tail(string output) => string.Join("\n", output.Split('\n').TakeLast(30));

    public void Dispose() => clone.Dispose();
}
