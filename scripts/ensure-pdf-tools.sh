#!/usr/bin/env bash
# The service-report render check turns a generated PDF into an image (pdftoppm) and extracts its
# text (pdftotext) to prove the Chinese text rendered, not tofu. Both come from Debian's
# poppler-utils; installs it when missing (as root), otherwise says what to run.
set -euo pipefail
if command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing for the PDF render check: pdftoppm/pdftotext; install with: sudo apt-get install -y poppler-utils" >&2
  exit 1
fi
echo "== installing poppler-utils from Debian for the PDF render check"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq poppler-utils >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; }
command -v pdftoppm >/dev/null
