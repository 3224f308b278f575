#!/usr/bin/env bash
# After `next build`: completes `.next/standalone` into a self-contained server folder — what the
# container image copies and runs as `node server.js`. Next leaves out the files a CDN would
# usually serve (`.next/static`, `public/`); readiness needs the migration folders it checks against
# (prisma/migrations), and the migration step needs its runner, bundled into one plain JS file
# (`prisma/migrate-deploy.cjs`, with `pg` from the server's own node_modules). peer-address.cjs is
# preloaded by the image as by the launcher: the socket's address becomes X-Forwarded-For's last
# entry, so BERTH_TRUSTED_PROXIES counts hops the same way in both; json-console.cjs makes Next's
# console lines (banner, warnings) JSON like the rest of the logs.
# Usage: bash scripts/assemble-standalone.sh [distDir]   (default .next)
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-.next}"
out="$dist/standalone"
[ -f "$out/server.js" ] || { echo "no $out/server.js: run next build first (next.config.js has output: \"standalone\")" >&2; exit 1; }
rm -rf "$out/.next/static" "$out/public" "$out/prisma"
mkdir -p "$out/.next" "$out/prisma"
cp -R "$dist/static" "$out/.next/static"
cp -R public "$out/public"
cp -R prisma/migrations "$out/prisma/migrations"
cp scripts/lib/peer-address.cjs "$out/peer-address.cjs"
cp scripts/lib/json-console.cjs "$out/json-console.cjs"
node_modules/.bin/esbuild prisma/tools/migrate-deploy.ts --bundle --platform=node --target=node20 \
  --external:pg --log-level=warning --outfile="$out/prisma/migrate-deploy.cjs"
echo "standalone server assembled in $out (start: node $out/server.js)"
