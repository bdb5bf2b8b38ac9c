#!/usr/bin/env bash
# Sets up a fresh machine, builds Sam2Sim Studio, generates the built-in demo dataset and runs the main
# job: the studio on the demo dataset when a display is available, otherwise the same job headless
# from the CLI (train, evaluate on static and pseudo backgrounds, PDF report).
# Optional: SAM2SIM_BACKBONE, SAM2SIM_BACKBONE_WEIGHTS, SAM2SIM_SAM2_WEIGHTS choose the backbone and
# weight files (by default found as `sam2sim weights list` shows).
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/bootstrap.sh
cmake --preset release
cmake --build --preset release -j"$(nproc)"

out="$PWD/out"
data="$out/demo-data"
[ -d "$data" ] || build/app/sam2sim synth --out "$data" --seed 0

# Weights: the best backbone present (WRN-50-2 when its official file is in the torch hub cache or
# ~/.local/share/sam2sim/weights, else the bundled ImageNet MobileNetV2; `build/app/sam2sim weights list`).
backbone=()
[ -n "${SAM2SIM_BACKBONE:-}" ] && backbone=(--backbone "$SAM2SIM_BACKBONE")
[ -n "${SAM2SIM_BACKBONE_WEIGHTS:-}" ] && backbone+=(--backbone-weights "$SAM2SIM_BACKBONE_WEIGHTS")

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/app/sam2sim-studio "$data" "${backbone[@]}"
fi
sam2=()
[ -n "${SAM2SIM_SAM2_WEIGHTS:-}" ] && sam2=(--sam2-weights "$SAM2SIM_SAM2_WEIGHTS")
echo "No display: running the demo job headless."
for category in $(build/app/sam2sim scan "$data" --json | python3 -c 'import json,sys; print(" ".join(c["name"] for c in json.load(sys.stdin)["categories"]))'); do
  run="$out/runs/$category"
  # The fast preset: sigma auto, 64 steps (about half a minute of training per category on 2 cores).
  build/app/sam2sim train --data "$data" --category "$category" --out "$run" --preset fast \
    "${backbone[@]}" --foreground on "${sam2[@]}"
  build/app/sam2sim eval --run "$run" --background pseudo --seed 1
  build/app/sam2sim report --run "$run" --out "$run/report.pdf"
  echo "Results for $category: $run (metrics.json, scores.csv, report.pdf)"
done
