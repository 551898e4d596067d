#Requires -Version 7.0
<#
.SYNOPSIS
    Run a frozen DossierDesk.exe with --smoke and fail unless it exits 0 within the time limit.

.DESCRIPTION
    DossierDesk.exe is a GUI-subsystem program: the shell does not wait for it, and its output is only
    visible when redirected. This waits (with a limit, since a start-up failure in a windowed build can
    leave a message box open), prints the tail of the app's log output and returns its exit code.
        pwsh -File packaging\windows\smoke.ps1 -Exe packaging\dist\DossierDesk\DossierDesk.exe
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$Exe,
    [int]$TimeoutSeconds = 180
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Exe = (Resolve-Path $Exe).Path
if (-not $env:QT_QPA_PLATFORM) { $env:QT_QPA_PLATFORM = 'offscreen' }
$tmp = if ($env:RUNNER_TEMP) { $env:RUNNER_TEMP } else { [IO.Path]::GetTempPath() }
$stdout = Join-Path $tmp 'dossierdesk-smoke.out.log'
$stderr = Join-Path $tmp 'dossierdesk-smoke.err.log'

$process = Start-Process -FilePath $Exe -ArgumentList '--smoke' -PassThru -NoNewWindow `
    -RedirectStandardOutput $stdout -RedirectStandardError $stderr
$null = $process.Handle  # keep the handle so ExitCode is available after the process ends
if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
    Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
    Get-Content $stderr -Tail 60 -ErrorAction SilentlyContinue
    throw "$Exe --smoke did not finish within $TimeoutSeconds s"
}
Get-Content $stdout, $stderr -Tail 60 -ErrorAction SilentlyContinue
if ($process.ExitCode -ne 0) { throw "$Exe --smoke exited with code $($process.ExitCode)" }
if (-not (Select-String -Path $stdout, $stderr -Pattern 'smoke: ' -Quiet)) {
    Write-Warning 'the smoke run exited 0 but logged no "smoke:" line (no console output in this build?)'
}
Write-Host "$Exe --smoke: OK"
