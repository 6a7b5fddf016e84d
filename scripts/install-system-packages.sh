#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium and its WebDriver for the
# browser tests and for printing publications to PDF, poppler's tools (pdfinfo, pdffonts, pdftotext,
# pdftoppm) for the tests that read those PDFs, Node.js and npm for Pagefind (search index) and axe-core
# (accessibility tests), rsync for the deploy script.
# Skipped when they are already installed.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v npm >/dev/null \
    && command -v rsync >/dev/null && command -v pdfinfo >/dev/null; then
  exit 0
fi
packages="chromium chromium-driver rsync poppler-utils"
command -v npm >/dev/null || packages="$packages nodejs npm"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $packages >/dev/null
