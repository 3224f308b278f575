#!/usr/bin/env bash
# `npm test`: on a fresh clone, installs what is missing, starts the services the tests need
# (a private Postgres server and the Kubernetes test control plane, one of each for the whole
# run), then runs every test: unit + integration (Vitest) and end-to-end (Playwright, Chromium).
# Prints one closing line "Tests: N passed, N failed" counting every test that ran.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
bash scripts/ensure-deps.sh --test-tools || exit 1

run=$(mktemp -d /tmp/berth-test.XXXXXX)
pgdir=$(mktemp -d /tmp/berth-test-pg.XXXXXX) # its own top-level folder: the server runs as another user
cluster_pid=""
cleanup() {
  if [ -n "$cluster_pid" ]; then
    kill -TERM "$cluster_pid" 2>/dev/null
    wait "$cluster_pid" 2>/dev/null
  fi
  bash scripts/test-postgres.sh stop "$pgdir"
  rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "› starting Postgres"
pg_env=$(bash scripts/test-postgres.sh start "$pgdir") || exit 1
eval "$pg_env"

echo "› building (or reusing) the Kubernetes control plane"
node --import tsx e2e/cluster/cli.ts --build-only || exit 1
# node directly (not npx), so that the pid we signal is the control plane's own process
BERTH_CLUSTER_WATCH=parent node --import tsx e2e/cluster/cli.ts --write-env "$run/cluster.env" >"$run/cluster.log" 2>&1 &
cluster_pid=$!
for _ in $(seq 1 600); do
  [ -s "$run/cluster.env" ] && break
  kill -0 "$cluster_pid" 2>/dev/null || { echo "the control plane failed to start:"; tail -40 "$run/cluster.log"; exit 1; }
  sleep 0.5
done
[ -s "$run/cluster.env" ] || { echo "the control plane did not become ready"; tail -40 "$run/cluster.log"; exit 1; }
# shellcheck disable=SC1090
source "$run/cluster.env"
echo "› control plane ready at $BERTH_TEST_K8S_SERVER"

echo "› type check (tsc --noEmit; npm start builds without it)"
if npx tsc --noEmit; then echo '{"passed":1,"failed":0}' >"$run/typecheck.json"; else echo '{"passed":0,"failed":1}' >"$run/typecheck.json"; fi

echo "› unit and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$run/vitest.json"
vitest_code=$?

echo "› end-to-end tests"
BERTH_E2E_DATABASE_URL="${BERTH_TEST_PG_URL%/*}/berth_e2e_$$"
psql -q "$BERTH_TEST_PG_URL" -c "CREATE DATABASE berth_e2e_$$" || exit 1
export BERTH_E2E_DATABASE_URL
npx next build >"$run/next-build.log" 2>&1 || { tail -40 "$run/next-build.log"; exit 1; }
PLAYWRIGHT_JSON_OUTPUT_NAME="$run/playwright.json" npx playwright test --reporter=list,json
e2e_code=$?

node scripts/test-support/summarize.mjs "$run/vitest.json" "$run/playwright.json" "$run/typecheck.json"
summary_code=$?
[ $vitest_code -eq 0 ] && [ $e2e_code -eq 0 ] && [ $summary_code -eq 0 ]
