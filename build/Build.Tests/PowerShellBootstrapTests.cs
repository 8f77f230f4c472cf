namespace BuildTests;

/// <summary>
/// build.ps1 under pwsh (PowerShell 7, the .NET global tool .ci/run installs): the same SDK detection as build.sh,
/// the same arguments handed to the build, and a real `--help` and `Package` on a fresh clone.
/// Without pwsh these tests fail with one line naming the install command, never pass silently.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the stand-in dotnets are shell scripts
public sealed class PowerShellBootstrapTests : IDisposable
{
    readonly TemporaryDirectory root = new();

    public PowerShellBootstrapTests()
    {
        File.Copy(RepositoryRoot.PathOf("build.sh"), root.Combine("build.sh"));
        File.Copy(RepositoryRoot.PathOf("build.ps1"), root.Combine("build.ps1"));
        FakeSdk(root.Combine("path-bin"), "9.0.300 [/fake]");
    }

    [Theory]
    [InlineData("10.0.100", "latestFeature", "10.0.401", true)]
    [InlineData("10.0.100", "latestFeature", "10.1.100", false)]
    [InlineData("10.0.100", "latestFeature", "10.0.099", false)]
    [InlineData("10.0.100", "latestFeature", "9.0.300", false)]
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

        Assert.True(result.ExitCode == 0, result.Error);
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
        root.Write("dotnet-install.ps1", "Write-Output 'network unreachable'\nexit 3\n");

        var result = Bootstrap();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("install the .NET SDK 10.0.100 yourself", result.Error);
    }

    [Fact]
    public void An_unknown_roll_forward_policy_is_refused_as_build_sh_refuses_it()
    {
        GlobalJson("10.0.100", "sideways");

        var result = Bootstrap();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown rollForward 'sideways': use one of", result.Error);
    }

    /// <summary>Both scripts hand the build exactly what they were given (after --root): targets, --target, --skip,
    /// parameters, and arguments PowerShell could take for its own (-Verbose, --, empty, quotes, globs, $).</summary>
    [Fact]
    public void Build_ps1_and_build_sh_pass_the_same_arguments_to_the_build()
    {
        GlobalJson("10.0.100", "latestFeature");
        Directory.CreateDirectory(root.Combine("build"));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
            root.Write(file, "<Project />");
        // A dotnet that "builds" into -o and, run as the build, prints each argument after the assembly.
        var dotnet = root.Write("echo-bin/dotnet", """
            #!/bin/sh
            case "$1" in
              --list-sdks) echo "10.0.100 [/fake/sdk]" ;;
              --version) echo 10.0.100 ;;
              build) while [ $# -gt 0 ]; do [ "$1" = "-o" ] && mkdir -p "$2"; shift; done ;;
              *) shift; for a in "$@"; do printf '[%s]\n' "$a"; done ;;
            esac
            """);
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string[] arguments =
        [
            "Package", "--target", "Deploy", "--skip", "Manifest", "PackageSite", "--aws-profile", "my profile",
            "--function", "contact,subscribe", "--dry-run", "-h", "--verbosity", "quiet", "-Verbose", "--", "",
            "a\"b", "'single'", "$HOME", "*", "--local-api-port=4567",
        ];
        var environment = new Dictionary<string, string?> { ["DOTNET_EXE"] = dotnet, ["NUKE_BOOTSTRAP_ONLY"] = null };

        var bash = Shell.Run(root.Path, "/bin/bash", [root.Combine("build.sh"), .. arguments], environment);
        var pwsh = Shell.Run(root.Path, Pwsh.Path, ["-NoLogo", "-NoProfile", "-File", root.Combine("build.ps1"), .. arguments], WithDotNetRoot(environment));

        Assert.True(bash.ExitCode == 0, bash.Error);
        Assert.True(pwsh.ExitCode == 0, pwsh.Error);
        var expected = string.Join("\n", new[] { "--root", root.Path }.Concat(arguments).Select(a => $"[{a}]"));
        Assert.Equal(expected, bash.Output.Trim());
        Assert.Equal(bash.Output, pwsh.Output);
    }

    Shell.Result Bootstrap() =>
        Shell.Run(root.Path, Pwsh.Path, ["-NoLogo", "-NoProfile", "-File", root.Combine("build.ps1")], WithDotNetRoot(new Dictionary<string, string?>
        {
            ["PATH"] = $"{root.Combine("path-bin")}:/usr/bin:/bin",
            ["NUKE_BOOTSTRAP_ONLY"] = "1",
            ["DOTNET_EXE"] = null,
            ["DOTNET_INSTALL_URL"] = $"file://{root.Combine("dotnet-install.ps1")}",
        }));

    // pwsh's own runtime: the real dotnet, whatever fake the test puts on PATH.
    static Dictionary<string, string?> WithDotNetRoot(Dictionary<string, string?> environment)
    {
        environment["DOTNET_ROOT"] = Pwsh.DotNetRoot;
        return environment;
    }

    void GlobalJson(string version, string rollForward) =>
        root.Write("global.json", $$"""{ "sdk": { "version": "{{version}}", "rollForward": "{{rollForward}}" } }""");

    // A stand-in for dotnet-install.ps1: it "installs" a dotnet that lists the wanted SDK.
    void InstallScript(string installs) =>
        root.Write("dotnet-install.ps1", $$"""
            param([string]$InstallDir, [string]$Version, [switch]$NoPath)
            New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
            $dotnet = Join-Path $InstallDir "dotnet"
            Set-Content -Path $dotnet -Value "#!/bin/sh`n[ `"`$1`" = `"--list-sdks`" ] && echo `"{{installs}} [$InstallDir/sdk]`"`nexit 0"
            & chmod +x $dotnet
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
