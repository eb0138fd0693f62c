// Shards: the i-th of n disjoint parts of a sweep, every n-th run from run i−1, so each part
// gets a share of every arm and of every replicate however the plan is ordered.
import type { PlannedRun } from './plan.ts';
import type { Shard } from './results-file.ts';

export class ShardError extends Error {}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new ShardError(`--shard = ${text} must be i/n with 1 ≤ i ≤ n (e.g. 2/8: the second of eight parts)`);
  }
  return { index, count };
}

export function shardRuns<T extends Pick<PlannedRun, 'run'>>(runs: readonly T[], shard: Shard): T[] {
  return runs.filter((r) => r.run % shard.count === shard.index - 1);
}
