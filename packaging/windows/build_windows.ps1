#Requires -Version 7.0
<#
.SYNOPSIS
    Build the Dossier Desk MSI: PyInstaller one-dir bundle, optional Authenticode signing, WiX v4 MSI.

.DESCRIPTION
    Run from any directory on Windows 10/11 x64 with PowerShell 7 (pwsh; Windows PowerShell 5.1 turns
    the build tools' stderr output into errors when output is redirected):
        pwsh -ExecutionPolicy Bypass -File packaging\windows\build_windows.ps1
    Prerequisites: Python 3.11 + uv on PATH, .NET SDK 6 or later (for the `wix` .NET tool, installed by this
    script if missing), Windows SDK signtool.exe only when signing.

    Output: packaging\dist\DossierDesk\ (the bundle) and packaging\dist\DossierDesk-<version>-x64.msi

    Code signing (skipped, with a notice, when none of these is set):
        SIGN_CERT_THUMBPRINT  SHA-1 thumbprint of a code-signing certificate in the CurrentUser or
                              LocalMachine "My" store (also works for HSM / cloud-KSP backed certificates)
        SIGN_CERT             path to a .pfx file (with SIGN_CERT_PASSWORD)
        SIGN_CERT_PASSWORD    password of that .pfx
        SIGN_TIMESTAMP_URL    RFC 3161 timestamp server (default http://timestamp.digicert.com)
    Every unsigned .exe/.dll/.pyd of the bundle is signed before the MSI is built (WDAC/AppLocker
    policies and SmartScreen look at each file), then the MSI itself.

.PARAMETER Validate
    Run ICE validation (wix msi validate) on the MSI. Needs an interactive or administrator account:
    hosted CI service accounts usually cannot run it.
#>
[CmdletBinding()]
param(
    [switch]$Validate
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$WixVersion = '4.0.6'
$Here = $PSScriptRoot
$Root = (Resolve-Path (Join-Path $Here '..\..')).Path
$Packaging = Join-Path $Root 'packaging'
$Dist = Join-Path $Packaging 'dist'
$Work = Join-Path $Packaging 'build'
$AppDir = Join-Path $Dist 'DossierDesk'
$IconDir = Join-Path $Work 'dossier_desk\icons'  # make_icons.py output, run by the spec in <workpath>\<specname>
$WixWork = Join-Path $Work 'wix'

function Assert-ExitCode {
    # $ErrorActionPreference does not cover native commands: check each one's exit code.
    param([Parameter(Mandatory)][string]$What)
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE" }
}

Set-Location $Root

# --- 1. PyInstaller bundle --------------------------------------------------------------------------------
$started = Get-Date
uv run --locked --extra sandbox pyinstaller --noconfirm --clean `
    --distpath $Dist --workpath $Work (Join-Path $Packaging 'dossier_desk.spec')
Assert-ExitCode 'PyInstaller'
$exe = Join-Path $AppDir 'DossierDesk.exe'
if (-not (Test-Path $exe)) { throw "PyInstaller did not produce $exe" }
$bytes = (Get-ChildItem $AppDir -Recurse -File | Measure-Object -Property Length -Sum).Sum
Write-Host ("bundle: {0} ({1:N0} MiB, built in {2:N0} s)" -f $AppDir, ($bytes / 1MB), ((Get-Date) - $started).TotalSeconds)

# --- 2. version -------------------------------------------------------------------------------------------
$Version = (uv run --locked python -c "import importlib.metadata as m; print(m.version('dossier-desk'))" | Out-String).Trim()
Assert-ExitCode 'reading the package version'
# MSI ProductVersion is major.minor.build, numbers only (0.4.0rc1 -> 0.4.0).
if ($Version -notmatch '^(\d+)\.(\d+)(?:\.(\d+))?') { throw "version '$Version' has no numeric major.minor" }
$MsiVersion = '{0}.{1}.{2}' -f $Matches[1], $Matches[2], $(if ($Matches[3]) { $Matches[3] } else { '0' })
$Msi = Join-Path $Dist "DossierDesk-$Version-x64.msi"
Write-Host "version: $Version (MSI $MsiVersion)"

# --- 3. code signing (optional) ---------------------------------------------------------------------------
$SignArgs = $null
if ($env:SIGN_CERT_THUMBPRINT) {
    $SignArgs = @('/sha1', $env:SIGN_CERT_THUMBPRINT)
} elseif ($env:SIGN_CERT) {
    if (-not (Test-Path $env:SIGN_CERT)) { throw "SIGN_CERT file not found: $env:SIGN_CERT" }
    $SignArgs = @('/f', $env:SIGN_CERT)
    if ($env:SIGN_CERT_PASSWORD) { $SignArgs += @('/p', $env:SIGN_CERT_PASSWORD) }
}
$TimestampUrl = if ($env:SIGN_TIMESTAMP_URL) { $env:SIGN_TIMESTAMP_URL } else { 'http://timestamp.digicert.com' }

function Find-SignTool {
    $onPath = Get-Command signtool.exe -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    $kits = Join-Path ${env:ProgramFiles(x86)} 'Windows Kits\10\bin'
    $found = Get-ChildItem $kits -Recurse -Filter signtool.exe -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -match '\\x64\\' } | Sort-Object FullName -Descending | Select-Object -First 1
    if (-not $found) { throw 'signtool.exe not found: install the Windows SDK "Signing Tools" component' }
    return $found.FullName
}

function Invoke-Sign {
    param([Parameter(Mandatory)][string[]]$Files)
    $signtool = Find-SignTool
    # signtool takes many files per call; batches keep the command line under the 32k limit.
    for ($i = 0; $i -lt $Files.Count; $i += 50) {
        $batch = $Files[$i..([Math]::Min($i + 49, $Files.Count - 1))]
        & $signtool sign @SignArgs /fd SHA256 /tr $TimestampUrl /td SHA256 /d 'Dossier Desk' @batch
        Assert-ExitCode 'signtool'
    }
}

if ($SignArgs) {
    $unsigned = Get-ChildItem $AppDir -Recurse -File -Include *.exe, *.dll, *.pyd |
        Where-Object { (Get-AuthenticodeSignature $_.FullName).Status -ne 'Valid' } |
        ForEach-Object { $_.FullName }
    $unsigned = @($unsigned)
    Write-Host "signing $($unsigned.Count) unsigned binaries of the bundle"
    if ($unsigned.Count -gt 0) { Invoke-Sign -Files $unsigned }
} else {
    Write-Host 'code signing skipped: set SIGN_CERT_THUMBPRINT or SIGN_CERT (+ SIGN_CERT_PASSWORD) to sign'
}

# --- 4. WiX toolset ---------------------------------------------------------------------------------------
# wix 4.0.x targets .NET 6; let it run on the newer runtime a current SDK brings.
$env:DOTNET_ROLL_FORWARD = 'Major'
$toolsDir = Join-Path $env:USERPROFILE '.dotnet\tools'
if (-not (Get-Command wix -ErrorAction SilentlyContinue)) {
    dotnet tool install --global wix --version $WixVersion
    Assert-ExitCode 'dotnet tool install wix'
    $env:PATH = "$toolsDir;$env:PATH"
}
$installed = (wix --version | Out-String).Trim()
Assert-ExitCode 'wix --version'
if (-not $installed.StartsWith($WixVersion)) {
    throw "wix $installed found on PATH, $WixVersion needed (dotnet tool update --global wix --version $WixVersion)"
}
$cached = (wix extension list -g | Out-String)
Assert-ExitCode 'wix extension list'
foreach ($ext in 'WixToolset.UI.wixext', 'WixToolset.Util.wixext') {
    if ($cached -notmatch "(?m)^$([regex]::Escape($ext)) $([regex]::Escape($WixVersion))") {
        wix extension add -g "$ext/$WixVersion"
        Assert-ExitCode "wix extension add $ext"
    }
}

# --- 5. MSI -----------------------------------------------------------------------------------------------
New-Item -ItemType Directory -Force -Path $WixWork | Out-Null
$appFiles = Join-Path $WixWork 'AppFiles.wxs'
uv run --locked python (Join-Path $Here 'harvest.py') $AppDir $appFiles
Assert-ExitCode 'harvest.py'
wix build -arch x64 `
    -ext WixToolset.UI.wixext -ext WixToolset.Util.wixext `
    -d "Version=$MsiVersion" `
    -d "AppDir=$AppDir" `
    -d "IconFile=$(Join-Path $IconDir 'dossier-desk.ico')" `
    -d "BannerBmp=$(Join-Path $IconDir 'wix-banner.bmp')" `
    -d "DialogBmp=$(Join-Path $IconDir 'wix-dialog.bmp')" `
    -d "LicenseRtf=$(Join-Path $Here 'license.rtf')" `
    -o $Msi `
    (Join-Path $Here 'DossierDesk.wxs') $appFiles
Assert-ExitCode 'wix build'

if ($Validate) {
    # ICE57: the Start-menu component's key path is HKMU (HKCU per-user, HKLM per-machine), which ICE57
    # cannot evaluate for a dual-purpose package. ICE61: AllowSameVersionUpgrades is intended.
    wix msi validate -sice ICE57 -sice ICE61 $Msi
    Assert-ExitCode 'wix msi validate'
}

if ($SignArgs) {
    Invoke-Sign -Files @($Msi)
}

$size = (Get-Item $Msi).Length
Write-Host ("msi: {0} ({1:N1} MiB)" -f $Msi, ($size / 1MB))
