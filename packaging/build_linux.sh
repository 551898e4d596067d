#!/usr/bin/env bash
# Build the Linux one-dir bundle of Dossier Desk and print its size and the build time.
#
#   packaging/build_linux.sh [DISTDIR [WORKDIR]]
#
# DISTDIR defaults to packaging/dist, WORKDIR to packaging/build. The app ends up in
# DISTDIR/DossierDesk/DossierDesk; smoke-test it with
#   QT_QPA_PLATFORM=offscreen DISTDIR/DossierDesk/DossierDesk --smoke
# PYTHON=/path/to/python runs that interpreter's PyInstaller instead of `uv run --locked pyinstaller`
# (the frozen-bundle test uses this to build with the interpreter it runs under).
# Needs binutils (strip, objdump) on the build machine.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
dist="$(realpath -m "${1:-$here/dist}")"
work="$(realpath -m "${2:-$here/build}")"

if [[ -n "${PYTHON:-}" ]]; then
    pyinstaller=("$PYTHON" -m PyInstaller)
else
    pyinstaller=(uv run --locked --extra sandbox pyinstaller)  # the demo (bundled sandbox) ships
fi

cd "$root"
start=$(date +%s)
"${pyinstaller[@]}" --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$work" "$here/dossier_desk.spec"
end=$(date +%s)

bundle="$dist/DossierDesk"
if [[ ! -x "$bundle/DossierDesk" ]]; then
    echo "build_linux.sh: $bundle/DossierDesk was not produced" >&2
    exit 1
fi
# Sum of the files' sizes (what an archive or installer would carry); symlinks count as nothing.
bytes=$(find "$bundle" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
echo "bundle: $bundle"
echo "bundle size: $((bytes / 1048576)) MiB ($bytes bytes)"
echo "build time: $((end - start)) s"
