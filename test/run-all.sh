#!/usr/bin/env bash
# Every test this package has, in the order that fails fastest: types, unit + in-process
# engine tests, the community-node linter, then the build that n8n would load.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "type check (nodes, credentials, tests)"
npx tsc -p test/tsconfig.json

step "tests through n8n-core's WorkflowExecute (vitest)"
npx vitest run

step "lint (n8n-node lint, strict)"
npx n8n-node lint

step "build (n8n-node build)"
npx n8n-node build

step "package check (every listed node and credential built)"
node test/check-package.mjs

step "end to end: real n8n + vendor simulator + browser (first run installs n8n: minutes)"
node test/e2e/run-e2e.mjs --browser

step "fault-injection run: seeded faults for every vendor in a real n8n (must report zeros)"
node test/e2e/fault-run.mjs

step "queue mode: n8n main + worker on Redis and PostgreSQL, bulk export, triggers"
node test/e2e/run-queue-e2e.mjs

step "smoke-load on n8n 1.x (first run installs it: minutes)"
node test/e2e/smoke-load.mjs --n8n-version 1.123.80
