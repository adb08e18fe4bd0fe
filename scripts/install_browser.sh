#!/usr/bin/env bash
# Install headless Chromium and its WebDriver (Debian packages) for tests/test_browser_report.py.
# Idempotent: does nothing when both binaries are already present. Needs root (or sudo).
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

if [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; then
    echo "chromium and chromedriver already installed: $("$CHROMIUM" --version 2>/dev/null || true)"
    exit 0
fi

SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium chromium-driver fonts-dejavu-core

"$CHROMIUM" --version
"$CHROMEDRIVER" --version
