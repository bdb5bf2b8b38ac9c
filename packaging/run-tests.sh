#!/usr/bin/env bash
# Sets up a fresh machine, builds everything (warnings as errors) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
packaging/bootstrap.sh
cmake --preset ci
cmake --build --preset ci -j"$(nproc)"
built=$(date +%s)
ctest --preset ci -j1
end=$(date +%s)
echo "run-tests: build $((built - start)) s, tests $((end - built)) s, total $((end - start)) s"
