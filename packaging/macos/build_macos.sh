#!/usr/bin/env bash
# Build "Dossier Desk.app" and its disk image on macOS 13+ (Xcode command-line tools, Python 3.11, uv).
#
#   packaging/macos/build_macos.sh
#
# Output: packaging/dist/Dossier Desk.app and packaging/dist/DossierDesk-<version>-macos-<arch>.dmg
#
# Environment (each step is skipped, with a notice, when its variable is unset):
#   CODESIGN_IDENTITY  "Developer ID Application: QTeam (TEAMID)" or its SHA-1, in the keychain. PyInstaller
#                      signs every binary and the bundle with it, hardened runtime on, timestamped, with
#                      packaging/macos/entitlements.plist; the .dmg is signed too. Unset: ad-hoc signature
#                      (runs on this Mac; Gatekeeper blocks it elsewhere).
#   NOTARY_PROFILE     a notarytool keychain profile (xcrun notarytool store-credentials NAME --apple-id ...
#                      --team-id ... --password <app-specific password>, or --key/--key-id/--issuer for an
#                      App Store Connect API key). The .dmg is submitted, waited for, and the ticket stapled.
#                      Needs CODESIGN_IDENTITY.
#   PYI_TARGET_ARCH    arm64 | x86_64 | universal2. Default: the architecture of the Python uv runs. See
#                      packaging/README.md ("macOS: per-architecture builds") for why we ship per-arch.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packaging="$(dirname "$here")"
root="$(dirname "$packaging")"
dist="$packaging/dist"
work="$packaging/build"
app="$dist/Dossier Desk.app"
dmgbuild_version="1.6.7"

cd "$root"

if [[ -n "${NOTARY_PROFILE:-}" && -z "${CODESIGN_IDENTITY:-}" ]]; then
    echo "build_macos.sh: NOTARY_PROFILE needs CODESIGN_IDENTITY (Apple notarizes signed code only)" >&2
    exit 2
fi

py() { uv run --locked --extra sandbox python "$@"; }

version="$(py -c 'import importlib.metadata as m; print(m.version("dossier-desk"))')"
arch="${PYI_TARGET_ARCH:-$(py -c 'import platform; print(platform.machine())')}"
dmg="$dist/DossierDesk-$version-macos-$arch.dmg"
echo "Dossier Desk $version for $arch"

# --- 1. app bundle (PyInstaller signs it when CODESIGN_IDENTITY is set: see dossier_desk.spec) ---------------
start=$(date +%s)
uv run --locked --extra sandbox pyinstaller --noconfirm --clean --distpath "$dist" --workpath "$work" \
    "$packaging/dossier_desk.spec"
echo "bundle: $app ($(du -sh "$app" | cut -f1), built in $(($(date +%s) - start)) s)"
[[ -x "$app/Contents/MacOS/DossierDesk" ]] || { echo "build_macos.sh: $app is incomplete" >&2; exit 1; }

# --- 2. verify the signature --------------------------------------------------------------------------------
codesign --verify --deep --strict --verbose=2 "$app"
if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
    # the hardened runtime flag must be on the main executable, or notarization rejects the upload
    if ! codesign --display --verbose=2 "$app" 2>&1 | grep -q 'flags=.*runtime'; then
        echo "build_macos.sh: $app is not signed with the hardened runtime" >&2
        exit 1
    fi
else
    echo "code signing skipped: set CODESIGN_IDENTITY to sign (ad-hoc signature only)"
fi

# --- 3. disk image ------------------------------------------------------------------------------------------
rm -f "$dmg"
uv tool run --from "dmgbuild==$dmgbuild_version" dmgbuild \
    -s "$here/dmgbuild_settings.py" \
    -D app="$app" \
    -D icon="$work/dossier_desk/icons/dossier-desk.icns" \
    "Dossier Desk" "$dmg"
if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$dmg"
    codesign --verify --verbose=2 "$dmg"
fi

# --- 4. notarization + stapling -----------------------------------------------------------------------------
if [[ -n "${NOTARY_PROFILE:-}" ]]; then
    result="$work/notarytool-submit.json"
    # the exit code is not the verdict (an "Invalid" submission can exit 0): read the JSON status
    xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" --wait --output-format json \
        >"$result" || true
    cat "$result"
    status="$(py -c 'import json, sys; print(json.load(open(sys.argv[1])).get("status", "missing"))' "$result" \
        || echo "unreadable")"
    if [[ "$status" != "Accepted" ]]; then
        submission="$(py -c 'import json, sys; print(json.load(open(sys.argv[1])).get("id", ""))' "$result" \
            || true)"
        if [[ -n "$submission" ]]; then
            xcrun notarytool log "$submission" --keychain-profile "$NOTARY_PROFILE" >&2 || true
        fi
        echo "build_macos.sh: notarization $status" >&2
        exit 1
    fi
    xcrun stapler staple "$dmg"
    xcrun stapler validate "$dmg"
    # what Gatekeeper will say on a user's Mac
    spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
else
    echo "notarization skipped: set NOTARY_PROFILE (and CODESIGN_IDENTITY) to notarize and staple"
fi

echo "dmg: $dmg ($(du -h "$dmg" | cut -f1))"
