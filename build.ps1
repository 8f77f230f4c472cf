# Bootstrap, as in Nuke: find or install the .NET SDK global.json asks for, rebuild the build
# project only when its sources changed, then run it with all arguments.
# No [CmdletBinding()]/Param block: PowerShell would take -Verbose, -Debug and "--" for itself, and the build must get
# every argument exactly as build.sh passes it.
$BuildArguments = @($args)

$ErrorActionPreference = "Stop"
$ProgressPreference = "SilentlyContinue"
Set-StrictMode -Version 2.0

$RootDirectory = $PSScriptRoot
$BuildProject = Join-Path $RootDirectory "build/_build.csproj"
$TempDirectory = Join-Path $RootDirectory ".nuke/temp"
$BuildOutputs = Join-Path $TempDirectory "build-bin"
$DotNetInstallUrl = if ($env:DOTNET_INSTALL_URL) { $env:DOTNET_INSTALL_URL } else { "https://dot.net/v1/dotnet-install.ps1" }
# $IsWindows does not exist in Windows PowerShell 5.1 (build.cmd's host), so ask the environment.
$OnWindows = $env:OS -eq "Windows_NT"
$DotNetInstallDirectory = if ($env:DOTNET_INSTALL_DIRECTORY) { $env:DOTNET_INSTALL_DIRECTORY } elseif ($OnWindows) { Join-Path $TempDirectory "dotnet-win" } else { Join-Path $TempDirectory "dotnet-unix" }

$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 1
$env:DOTNET_MULTILEVEL_LOOKUP = 0

# One plain line on stderr, as build.sh writes it (Write-Error would add colour codes and wrap at the console's width).
function Fail([string]$Message) { [Console]::Error.WriteLine("build.ps1: $Message"); exit 1 }

$Global = Get-Content (Join-Path $RootDirectory "global.json") -Raw | ConvertFrom-Json
$WantedVersion = $Global.sdk.version
$RollForward = if ($Global.sdk.PSObject.Properties.Name -contains "rollForward") { $Global.sdk.rollForward } else { "latestPatch" }
if (-not $WantedVersion) { Fail "global.json names no sdk.version: add one (e.g. ""10.0.100"")." }

# Does an installed SDK version meet global.json under its rollForward policy? (MAJOR.MINOR.FPP, F the feature band)
# PowerShell's variable names ignore case: $hM and $hm would be one variable, so the parts have long names.
function Test-Sdk([string]$Have) {
    $h = ($Have -split "-")[0].Split("."); $w = ($WantedVersion -split "-")[0].Split(".")
    $haveMajor, $haveMinor, $havePatch = [int]$h[0], [int]$h[1], [int]$h[2]
    $wantMajor, $wantMinor, $wantPatch = [int]$w[0], [int]$w[1], [int]$w[2]
    $sameBand = [math]::Floor($havePatch / 100) -eq [math]::Floor($wantPatch / 100)
    switch -regex ($RollForward) {
        "^disable$" { return $Have -eq $WantedVersion }
        "^(latest)?[Pp]atch$" { return $haveMajor -eq $wantMajor -and $haveMinor -eq $wantMinor -and $sameBand -and $havePatch -ge $wantPatch }
        "^(latest)?[Ff]eature$" { return $haveMajor -eq $wantMajor -and $haveMinor -eq $wantMinor -and $havePatch -ge $wantPatch }
        "^(latest)?[Mm]inor$" { return $haveMajor -eq $wantMajor -and ($haveMinor -gt $wantMinor -or ($haveMinor -eq $wantMinor -and $havePatch -ge $wantPatch)) }
        "^(latest)?[Mm]ajor$" { return $haveMajor -gt $wantMajor -or ($haveMajor -eq $wantMajor -and ($haveMinor -gt $wantMinor -or ($haveMinor -eq $wantMinor -and $havePatch -ge $wantPatch))) }
        default { Fail "global.json has an unknown rollForward '$RollForward': use one of disable, patch, feature, minor, major, latestPatch, latestFeature, latestMinor, latestMajor." }
    }
}

function Find-DotNet {
    $candidates = @($env:DOTNET_EXE, (Get-Command dotnet -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source -First 1),
        (Join-Path $DotNetInstallDirectory "dotnet.exe"), (Join-Path $DotNetInstallDirectory "dotnet")) | Where-Object { $_ -and (Test-Path $_) }
    foreach ($candidate in $candidates) {
        foreach ($line in (& $candidate --list-sdks 2>$null)) {
            if (Test-Sdk ($line -split " ")[0]) { return $candidate }
        }
    }
    return $null
}

$DotNet = Find-DotNet
if (-not $DotNet) {
    [Console]::Error.WriteLine("build.ps1: no .NET SDK satisfying $WantedVersion ($RollForward) found; installing it into $DotNetInstallDirectory")
    New-Item -ItemType Directory -Force -Path $TempDirectory | Out-Null
    $InstallScript = Join-Path $TempDirectory "dotnet-install.ps1"
    try {
        if ($DotNetInstallUrl.StartsWith("file://")) { Copy-Item $DotNetInstallUrl.Substring(7) $InstallScript -Force }
        else { Invoke-WebRequest $DotNetInstallUrl -OutFile $InstallScript -UseBasicParsing }
    }
    catch { Fail "could not download $($DotNetInstallUrl): install the .NET SDK $WantedVersion yourself (https://dot.net) and put dotnet on PATH." }
    # Run the install script in this PowerShell (pwsh or Windows PowerShell alike: there may be no 'powershell' on PATH).
    $global:LASTEXITCODE = 0
    try { & $InstallScript -InstallDir $DotNetInstallDirectory -Version $WantedVersion -NoPath *>&1 | ForEach-Object { [Console]::Error.WriteLine($_) } }
    catch { Fail "dotnet-install.ps1 failed ($_): install the .NET SDK $WantedVersion yourself and put dotnet on PATH." }
    if ($LASTEXITCODE -ne 0) { Fail "dotnet-install.ps1 failed: install the .NET SDK $WantedVersion yourself and put dotnet on PATH." }
    $DotNet = Find-DotNet
    if (-not $DotNet) { Fail "the installed SDK does not satisfy global.json ($WantedVersion, $RollForward)." }
}
# As build.sh: the build's own dotnet calls find this SDK even when it is not on PATH (follow a symlink such as /usr/bin/dotnet).
$DotNetFile = $DotNet
try { $Target = [IO.File]::ResolveLinkTarget($DotNet, $true); if ($Target) { $DotNetFile = $Target.FullName } } catch { }
$env:DOTNET_ROOT = Split-Path -Parent $DotNetFile

if ($env:NUKE_BOOTSTRAP_ONLY -eq "1") { Write-Output $DotNet; exit 0 }

# Rebuild the build project only when something it is built from changed (content, not timestamps).
$Sources = Get-ChildItem (Join-Path $RootDirectory "build") -Recurse -File -Include *.cs, *.csproj, *.props, *.targets |
    Where-Object { $_.FullName.Substring($RootDirectory.Length) -notmatch '[\\/](bin|obj|node_modules|[^\\/]+\.Tests)[\\/]' } | Sort-Object FullName
$Hasher = [System.Security.Cryptography.SHA256]::Create()
$Text = (& $DotNet --version) + "`n" + (($Sources + @(Get-Item (Join-Path $RootDirectory "global.json"), (Join-Path $RootDirectory "Directory.Build.props"), (Join-Path $RootDirectory "Directory.Packages.props"))) |
    ForEach-Object { $_.FullName.Substring($RootDirectory.Length) + ":" + (Get-FileHash $_.FullName -Algorithm SHA256).Hash }) -join "`n"
$Current = [BitConverter]::ToString($Hasher.ComputeHash([Text.Encoding]::UTF8.GetBytes($Text))).Replace("-", "")

# Each version of the build project gets its own output folder, named by its fingerprint, so a build that runs
# another build never overwrites the assemblies it is running from.
$BuildOutput = Join-Path $BuildOutputs $Current.Substring(0, 16).ToLowerInvariant()
if (-not (Test-Path (Join-Path $BuildOutput ".complete"))) {
    New-Item -ItemType Directory -Force -Path $BuildOutputs | Out-Null
    Remove-Item $BuildOutput -Recurse -Force -ErrorAction SilentlyContinue
    & $DotNet build $BuildProject -c Release -o $BuildOutput -nologo -v q -clp:NoSummary *> (Join-Path $TempDirectory "build.log")
    if ($LASTEXITCODE -ne 0) {
        Select-String -Path (Join-Path $TempDirectory "build.log") -Pattern "error" | ForEach-Object { $_.Line.Trim() } | Sort-Object -Unique | Select-Object -First 20 | ForEach-Object { [Console]::Error.WriteLine($_) }
        Fail "the build project does not compile (full log: .nuke/temp/build.log)."
    }
    New-Item -ItemType File -Path (Join-Path $BuildOutput ".complete") | Out-Null
    Get-ChildItem $BuildOutputs -Directory | Sort-Object LastWriteTime -Descending | Select-Object -Skip 3 | Remove-Item -Recurse -Force
}

$BuildCommand = @((Join-Path $BuildOutput "_build.dll"), "--root", $RootDirectory) + $BuildArguments
if ($PSVersionTable.PSVersion.Major -ge 6) {
    # pwsh expands wildcards in a native command's arguments on Unix ("*" would become file names) and drops nothing
    # only through ArgumentList: start the build directly, with this console, so it gets every argument as given.
    $Start = New-Object System.Diagnostics.ProcessStartInfo $DotNet
    $Start.UseShellExecute = $false
    foreach ($Argument in $BuildCommand) { $Start.ArgumentList.Add($Argument) }
    $Build = [System.Diagnostics.Process]::Start($Start)
    $Build.WaitForExit()
    exit $Build.ExitCode
}
& $DotNet $BuildCommand
exit $LASTEXITCODE
