// The cluster scripts in deploy/ hand each scheduler's task index to `confine sweep --shard` as
// i/n with 1 ≤ i ≤ n; checked here with `echo` standing in for confine.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEPLOY = join(__dirname, '../../deploy');
const SCRIPT = join(DEPLOY, 'run-shard.sh');

function shard(env: Record<string, string>): string {
  return execFileSync('sh', [SCRIPT], { env: { PATH: process.env.PATH!, CONFINE: 'echo', PLAN: 'p.json', OUT: '/r', ...env }, encoding: 'utf8' }).trim();
}

describe('deploy scripts', () => {
  it('maps a Kubernetes completion index (0-based) to shard i/n', () => {
    expect(shard({ JOB_COMPLETION_INDEX: '0', SHARDS: '8' })).toBe('sweep p.json --out /r --shard 1/8');
    expect(shard({ JOB_COMPLETION_INDEX: '7', SHARDS: '8' })).toBe('sweep p.json --out /r --shard 8/8');
  });

  it('maps a Slurm array task (from its first id) to shard i/n', () => {
    expect(shard({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toBe('sweep p.json --out /r --shard 1/4');
    expect(shard({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '2', SLURM_ARRAY_TASK_COUNT: '4' })).toBe('sweep p.json --out /r --shard 4/4');
  });

  it('refuses to guess without a scheduler or a plan', () => {
    const none = spawnSync('sh', [SCRIPT], { env: { PATH: process.env.PATH!, CONFINE: 'echo', PLAN: 'p', OUT: '/r' }, encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/neither JOB_COMPLETION_INDEX .* nor SLURM_ARRAY_TASK_ID/);
    const noPlan = spawnSync('sh', [SCRIPT], { env: { PATH: process.env.PATH!, JOB_COMPLETION_INDEX: '0', SHARDS: '2', OUT: '/r' }, encoding: 'utf8' });
    expect(noPlan.status).not.toBe(0);
    expect(noPlan.stderr).toMatch(/PLAN/);
  });

  it('keeps the Job’s completions, parallelism and SHARDS equal, and the scripts parse', () => {
    const job = readFileSync(join(DEPLOY, 'kubernetes-sweep.yaml'), 'utf8');
    const completions = /completions: (\d+)/.exec(job)![1];
    expect(/parallelism: (\d+)/.exec(job)![1]).toBe(completions);
    expect(/name: SHARDS\s+value: "(\d+)"/.exec(job)![1]).toBe(completions);
    expect(job).toMatch(/completionMode: Indexed/);
    expect(job).toMatch(/command: \["deploy\/run-shard\.sh"\]/);
    for (const script of ['run-shard.sh', 'slurm-sweep.sh']) {
      expect(spawnSync('bash', ['-n', join(DEPLOY, script)]).status, script).toBe(0);
    }
    expect(readFileSync(join(DEPLOY, 'slurm-sweep.sh'), 'utf8')).toMatch(/--array="1-\$SHARDS"[\s\S]*deploy\/run-shard\.sh/);
  });
});
