#!/usr/bin/env bash
# `npm start`: install what is missing, generate the Prisma Client, build when the sources
# changed, then hand over to the launcher (scripts/serve.ts), which serves on the embedded
# database unless DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

bash scripts/ensure-deps.sh

# Rebuild when anything the build reads is newer than the last build's BUILD_ID.
build_inputs=(app lib public prisma/schema.prisma package-lock.json next.config.js postcss.config.mjs tsconfig.json)
build_inputs+=(./*.ts ./*.tsx)
existing=()
for input in "${build_inputs[@]}"; do [ -e "$input" ] && existing+=("$input"); done
if [ ! -f .next/BUILD_ID ] || [ -n "$(find "${existing[@]}" -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "Building the app (next build)…"
  # No type check here (npm test runs tsc --noEmit): it is a third of a cold start.
  BERTH_SKIP_TYPECHECK=1 node node_modules/next/dist/bin/next build
fi

# exec: the launcher receives signals directly and owns Next and the database.
exec node --import tsx scripts/serve.ts "$@"
