namespace BuildTests;

/// <summary>
/// Where PowerShell 7 is on this machine, for the tests that run build.ps1. `.ci/run` installs it as the
/// .NET global tool where it is missing; a test that needs it fails with one line when it is not there.
/// </summary>
static class Pwsh
{
    public const string Install = "dotnet tool install --global PowerShell --version 7.6.9";

    /// <summary>The pwsh to start. The global tool's `pwsh` is a shim that starts `dotnet pwsh.dll` with the
    /// dotnet on PATH, so tests that put a fake dotnet on PATH start the tool's own apphost beside pwsh.dll instead.</summary>
    public static string Path => Find()
        ?? throw new Xunit.Sdk.XunitException($"pwsh not found (not on PATH, not in ~/.dotnet/tools): install it with `{Install}` (.ci/run does).");

    static string? Find()
    {
        var toolsDirectory = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");
        var store = System.IO.Path.Combine(toolsDirectory, ".store", "powershell");
        if (Directory.Exists(store))
        {
            var apphost = Directory.EnumerateFiles(store, "pwsh", SearchOption.AllDirectories)
                .Where(p => System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(p)) == "unix")
                .Order(StringComparer.Ordinal).LastOrDefault();
            if (apphost is not null)
                return apphost;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Append(toolsDirectory)
            .Select(dir => System.IO.Path.Combine(dir, "pwsh"))
            .FirstOrDefault(File.Exists);
        return onPath;
    }

    /// <summary>The folder of the real dotnet, so pwsh's apphost finds its runtime when PATH holds a fake dotnet.</summary>
    public static string DotNetRoot
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(System.IO.Path.Combine(root, "dotnet")))
                return root;
            var dotnet = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
                .Select(dir => System.IO.Path.Combine(dir, "dotnet")).FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("no dotnet on PATH");
            var resolved = File.ResolveLinkTarget(dotnet, returnFinalTarget: true)?.FullName ?? dotnet;
            return System.IO.Path.GetDirectoryName(resolved)!;
        }
    }
}
