#!/bin/bash
# A sweep as a Slurm job array: one shard a task, one GPU each, then one dependent job that
# merges the shards and writes the report. Submit from a checkout of confine (npm ci done) on
# a file system every node sees:
#   PLAN=scenarios/plans/combination.json OUT=results/combination SHARDS=8 deploy/slurm-sweep.sh
# Tasks resume their shard when requeued (preemption) or resubmitted: finished runs are kept.
# A task's resources: GRES (default gpu:1; empty for none), CPUS (4), MEM (16G), TIME (24:00:00).
# The last line printed names the array and the merge job: "array <id> merge <id>".
set -euo pipefail
cd "$(dirname "$0")/.."
PLAN=${PLAN:-scenarios/plans/combination.json}
OUT=${OUT:-results/$(basename "$PLAN" .json)}
SHARDS=${SHARDS:-8}
GRES=${GRES-gpu:1}
mkdir -p "$OUT/logs"
export PLAN OUT
# Vulkan is Dawn's backend on Linux; the NVIDIA driver's ICD must be visible on the nodes.
array=$(sbatch --parsable --job-name=confine-sweep --array="1-$SHARDS" ${GRES:+--gres="$GRES"} --cpus-per-task="${CPUS:-4}" \
  --mem="${MEM:-16G}" --time="${TIME:-24:00:00}" --requeue --output="$OUT/logs/shard-%a.log" --export=ALL deploy/run-shard.sh)
merge=$(sbatch --parsable --job-name=confine-merge --dependency="afterany:$array" --cpus-per-task=1 --time=1:00:00 \
  --output="$OUT/logs/merge.log" --export=ALL \
  --wrap="node bin/confine.mjs sweep merge '$OUT' && node bin/confine.mjs report '$OUT'")
echo "submitted $SHARDS shards of $PLAN → $OUT; merge and report run when they end"
echo "array $array merge $merge"
