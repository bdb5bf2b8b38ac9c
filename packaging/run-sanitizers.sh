#!/usr/bin/env bash
# The ASan + UBSan job: builds the "asan" preset (build-asan/) and runs every engine test, the bad-input
# and saved-files CLI tests and the fuzz corpus replays under AddressSanitizer and UndefinedBehaviorSanitizer. Any
# sanitizer report fails the run (halt_on_error). Usage: packaging/run-sanitizers.sh [-jN] [ctest regex]
# Leak detection stays off: LibTorch 1.13's PyTorchStreamReader leaks its miniz state when a malformed
# zip makes its constructor throw (docs/reliability.md, Fuzzing); that is in the library, not here.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="-j$(nproc)"
if [[ "${1:-}" == -j* ]]; then
  jobs="$1"
  shift
fi
tests="${1:-^(tst_(core|checkpoint|scanner|synth|metrics|backbone|simplenet|knn|sam2|foreground_model|weights|pipeline|hard_categories|export|badinput|saved_files)|replay_fuzz_.*)$}"
start=$(date +%s)
cmake --preset asan
cmake --build build-asan "$jobs" --target sam2sim tst_core tst_checkpoint tst_scanner tst_synth tst_metrics \
  tst_backbone tst_simplenet tst_knn tst_sam2 tst_foreground_model tst_weights tst_pipeline tst_hard_categories tst_export \
  tst_badinput tst_saved_files replay_fuzz_checkpoint replay_fuzz_pickle replay_fuzz_run_json \
  replay_fuzz_image replay_fuzz_csv
built=$(date +%s)
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
ctest --test-dir build-asan -R "$tests" --output-on-failure
end=$(date +%s)
echo "run-sanitizers: build $((built - start)) s, tests $((end - built)) s, total $((end - start)) s"
