#!/usr/bin/env bash
# The benchmark for a machine with a real GPU, in one go (a few minutes on a datacentre GPU):
# the copy and dispatch probes (the cost model's bandwidth and per-dispatch cost) and the
# default step at 512² and 1024², the agent step at 10⁵ and 10⁶ cells, with the model's
# prediction beside each step, as one JSON and a Markdown report in $OUT (default ./device-out).
# Needs what bench/device/pack.sh put in .device/; run from the repository root:
#   bash bench/device/run.sh
# A machine without the Vulkan loader gets the packed one; one whose driver is not found by the
# loader needs VK_DRIVER_FILES pointing at its ICD JSON (NVIDIA's in a container:
# /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json, tried when that file exists).
set -euo pipefail
dir=.device
out=${OUT:-device-out}
mkdir -p "$out" "$dir/run"
[ -x "$dir/run/node" ] || xz -d -c "$dir/node.xz" > "$dir/run/node" && chmod +x "$dir/run/node"
[ -d node_modules/webgpu ] || tar -xJf "$dir/node_modules.tar.xz"
if ! ldconfig -p 2>/dev/null | grep -q libvulkan.so.1; then
  for deb in "$dir"/libvulkan1_*.deb; do [ -e "$deb" ] && dpkg -x "$deb" "$dir/run/vulkan"; done
  export LD_LIBRARY_PATH="$PWD/$dir/run/vulkan/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ] && [ -e "$nvidia_icd" ]; then export VK_DRIVER_FILES=$nvidia_icd; fi
"$dir/run/node" bin/confine.mjs bench \
  --cases copy,dispatch,smoother-sweep,default-step,default-step-fixed,agent-step \
  --sizes "${SIZES:-512,1024}" --cells "${CELLS:-100000,1000000}" --repeats "${REPEATS:-3}" \
  --json "$out/device-bench.json" --report "$out"
