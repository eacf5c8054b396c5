#!/usr/bin/env bash
# Installs what the test suite needs (Debian packages, npm packages from the checked-in lock file)
# and runs every test of the solution. Prints "N passed, N failed[, N skipped]" as its last line.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

debian_packages=(nginx caddy chromium podman runc wrk busybox-static)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

missing=()
for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

echo "Installing npm packages from tests/peers/package-lock.json"
(cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)

results="$root/tests/TestResults"
rm -rf "$results"

dotnet build Authentik.Plugins.sln -c Debug -nologo -clp:ErrorsOnly

status=0
dotnet test Authentik.Plugins.sln -c Debug --no-build -nologo \
    --logger "trx" --results-directory "$results" "$@" || status=$?

# dotnet test prints one summary per test assembly; add them up into the one line CI reads.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY

exit "$status"
