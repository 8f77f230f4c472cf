# Bootstrap, as in Nuke: find or install the .NET SDK global.json asks for, rebuild the build
# project only when its sources changed, then run it with all arguments.
[CmdletBinding()]
Param([Parameter(Position = 0, Mandatory = $false, ValueFromRemainingArguments = $true)][string[]]$BuildArguments)

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

function Fail([string]$Message) { Write-Error "build.ps1: $Message" -ErrorAction Continue; exit 1 }

$Global = Get-Content (Join-Path $RootDirectory "global.json") -Raw | ConvertFrom-Json
$WantedVersion = $Global.sdk.version
$RollForward = if ($Global.sdk.PSObject.Properties.Name -contains "rollForward") { $Global.sdk.rollForward } else { "latestPatch" }
if (-not $WantedVersion) { Fail "global.json names no sdk.version: add one (e.g. ""10.0.100"")." }

# Does an installed SDK version meet global.json under its rollForward policy? (MAJOR.MINOR.FPP)
function Test-Sdk([string]$Have) {
    $h = ($Have -split "-")[0].Split("."); $w = ($WantedVersion -split "-")[0].Split(".")
    $hM, $hm, $hp = [int]$h[0], [int]$h[1], [int]$h[2]; $wM, $wm, $wp = [int]$w[0], [int]$w[1], [int]$w[2]
    switch -regex ($RollForward) {
        "^disable$" { return $Have -eq $WantedVersion }
        "^(latest)?[Pp]atch$" { return $hM -eq $wM -and $hm -eq $wm -and [math]::Floor($hp / 100) -eq [math]::Floor($wp / 100) -and $hp -ge $wp }
        "^(latest)?[Ff]eature$" { return $hM -eq $wM -and $hm -eq $wm -and $hp -ge $wp }
        "^(latest)?[Mm]inor$" { return $hM -eq $wM -and ($hm -gt $wm -or ($hm -eq $wm -and $hp -ge $wp)) }
        "^(latest)?[Mm]ajor$" { return $hM -gt $wM -or ($hM -eq $wM -and ($hm -gt $wm -or ($hm -eq $wm -and $hp -ge $wp))) }
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

& $DotNet (Join-Path $BuildOutput "_build.dll") --root $RootDirectory $BuildArguments
exit $LASTEXITCODE
