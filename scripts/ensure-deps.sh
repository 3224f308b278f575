#!/usr/bin/env bash
# Installs what a fresh clone is missing: npm packages (when node_modules is absent or older than
# the lock file), the generated Prisma client, and — with --test-tools — what the tests run on:
# Debian's Chromium for the end-to-end tests (Playwright's own browser download cannot work
# offline), a CJK font so Chromium draws the Chinese console (screenshots; the tests find text,
# not glyphs) and the Postgres server binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NEXT_TELEMETRY_DISABLED=1

if ! command -v node >/dev/null; then echo "Node.js 20.19+ is required (https://nodejs.org or your package manager)." >&2; exit 1; fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run -s db:generate

if [ "${1:-}" = "--test-tools" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "› installing Debian packages for the tests: ${missing[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
