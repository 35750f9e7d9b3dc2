#!/usr/bin/env bash
# The schema-driven hostile client (packages/server/test/fuzz.test.ts) without its CI bound:
# every generated request, against a real PostgreSQL. Run: bench/fuzz.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/node/bin:$PATH"
UTVAG_FUZZ_REQUESTS="${1:-1000000}" npx vitest run --project server packages/server/test/fuzz.test.ts
