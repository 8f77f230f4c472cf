namespace BuildTests;

/// <summary>
/// build.sh's SDK detection: a dotnet on PATH is used when it satisfies global.json, else the SDK is
/// installed into .nuke/temp. The real download can't run here, so a local install script stands in.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // build.sh is the Unix bootstrap; PowerShellBootstrapTests runs build.ps1 under pwsh
public sealed class BootstrapTests : IDisposable
{
    readonly TemporaryDirectory root = new();

    public BootstrapTests()
    {
        File.Copy(RepositoryRoot.PathOf("build.sh"), root.Combine("build.sh"));
        FakeSdk(root.Combine("path-bin"), "9.0.300 [/fake]");
    }

    [Theory]
    [InlineData("10.0.100", "latestFeature", "10.0.401", true)]
    [InlineData("10.0.100", "latestFeature", "10.1.100", false)]
    [InlineData("10.0.100", "latestFeature", "10.0.099", false)]
    [InlineData("10.0.100", "latestPatch", "10.0.199", true)]
    [InlineData("10.0.100", "latestPatch", "10.0.200", false)]
    [InlineData("10.0.100", "disable", "10.0.100", true)]
    [InlineData("10.0.100", "disable", "10.0.101", false)]
    [InlineData("10.0.100", "latestMinor", "10.2.100", true)]
    [InlineData("10.0.100", "latestMinor", "11.0.100", false)]
    [InlineData("10.0.100", "latestMajor", "11.0.100", true)]
    [InlineData("10.0.100", "latestMajor", "9.0.999", false)]
    public void Uses_dotnet_on_path_only_when_it_satisfies_global_json(string wanted, string rollForward, string installed, bool satisfies)
    {
        GlobalJson(wanted, rollForward);
        FakeSdk(root.Combine("path-bin"), $"{installed} [/fake/sdk]");
        InstallScript(installs: wanted);

        var result = Bootstrap();

        Assert.Equal(0, result.ExitCode);
        var chosen = result.Output.Trim();
        if (satisfies)
        {
            Assert.Equal(root.Combine("path-bin", "dotnet"), chosen);
            Assert.DoesNotContain("installing", result.Error);
        }
        else
        {
            Assert.Equal(root.Combine(".nuke", "temp", "dotnet-unix", "dotnet"), chosen);
            Assert.Contains("installing it into", result.Error);
        }
    }

    [Fact]
    public void A_failing_install_names_the_fix_and_exits_non_zero()
    {
        GlobalJson("10.0.100", "latestFeature");
        root.Write("install.sh", "#!/bin/sh\necho 'network unreachable' >&2\nexit 3\n");
        var result = Bootstrap();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("install the .NET SDK 10.0.100 yourself", result.Error);
    }

    [Fact]
    public void An_unknown_roll_forward_policy_is_refused()
    {
        GlobalJson("10.0.100", "sideways");
        var result = Bootstrap();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown rollForward 'sideways'", result.Error);
    }

    [Fact]
    public void Telemetry_and_logo_are_off_for_the_build()
    {
        var script = File.ReadAllText(RepositoryRoot.PathOf("build.sh"));
        Assert.Contains("export DOTNET_CLI_TELEMETRY_OPTOUT=1", script);
        Assert.Contains("export DOTNET_NOLOGO=1", script);
    }

    Shell.Result Bootstrap() =>
        Shell.Run(root.Path, "/bin/bash", [root.Combine("build.sh")], new Dictionary<string, string?>
        {
            ["PATH"] = $"{root.Combine("path-bin")}:/usr/bin:/bin",
            ["NUKE_BOOTSTRAP_ONLY"] = "1",
            ["DOTNET_EXE"] = null,
            ["DOTNET_INSTALL_URL"] = $"file://{root.Combine("install.sh")}",
        });

    void GlobalJson(string version, string rollForward) =>
        root.Write("global.json", $$"""{ "sdk": { "version": "{{version}}", "rollForward": "{{rollForward}}" } }""");

    // A stand-in for dotnet-install.sh: it "installs" a dotnet that lists the wanted SDK.
    void InstallScript(string installs) =>
        root.Write("install.sh", $$"""
            #!/bin/sh
            while [ $# -gt 0 ]; do case "$1" in --install-dir) dir="$2"; shift;; esac; shift; done
            mkdir -p "$dir"
            printf '#!/bin/sh\n[ "$1" = "--list-sdks" ] && echo "{{installs}} [%s/sdk]"\n' "$dir" > "$dir/dotnet"
            chmod +x "$dir/dotnet"
            """);

    static void FakeSdk(string folder, string listSdksLine)
    {
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, "dotnet");
        File.WriteAllText(path, $"#!/bin/sh\n[ \"$1\" = \"--list-sdks\" ] && echo '{listSdksLine}'\nexit 0\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => root.Dispose();
}
