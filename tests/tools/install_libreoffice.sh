#!/bin/sh
# Install LibreOffice Calc without a GUI so the report tests can check that the written
# workbooks open outside openpyxl (headless conversion to CSV and PDF). Idempotent and
# quiet: does nothing when soffice is already on the PATH. Needs root (or sudo) and apt.
set -eu

if command -v soffice >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install_libreoffice.sh: needs root or sudo to install libreoffice-calc-nogui" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ! apt-cache policy libreoffice-calc-nogui 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    $SUDO apt-get update -qq >/dev/null
fi
$SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
command -v soffice >/dev/null 2>&1
