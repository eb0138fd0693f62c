#!/bin/sh
# One shard of a sweep, on whichever scheduler started it: a Kubernetes Indexed Job gives
# JOB_COMPLETION_INDEX (0-based; SHARDS must equal the Job's completions), a Slurm job array
# gives SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT. Every shard writes its own results file
# into the shared directory OUT; a restarted shard resumes where it stopped.
#   PLAN   the plan file (e.g. scenarios/plans/combination.json)
#   OUT    a results directory every shard can write to (a shared volume or file system)
#   CONFINE  how to call confine (default: node bin/confine.mjs)
set -eu
: "${PLAN:?set PLAN to the plan file}"
: "${OUT:?set OUT to a results directory shared by every shard}"
if [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
  : "${SHARDS:?set SHARDS to the number of completions of the Job}"
  index=$((JOB_COMPLETION_INDEX + 1))
  count=$SHARDS
elif [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
  : "${SLURM_ARRAY_TASK_COUNT:?a Slurm job array sets SLURM_ARRAY_TASK_COUNT}"
  index=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-1} + 1))
  count=$SLURM_ARRAY_TASK_COUNT
else
  echo "run-shard.sh: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm array) is set" >&2
  exit 2
fi
# shellcheck disable=SC2086 # CONFINE is a command line, split on purpose
exec ${CONFINE:-node bin/confine.mjs} sweep "$PLAN" --out "$OUT" --shard "$index/$count"
