// The cluster scripts in deploy/ hand each scheduler's task index to `confine sweep --shard` as
// i/n with 1 ≤ i ≤ n; checked here with `echo` standing in for confine. The Kubernetes manifest is
// checked against the API's own OpenAPI schemas, so a field of the wrong type or a missing required
// one is caught here rather than by `kubectl apply` on a cluster. A misspelt field is not: those
// schemas leave unnamed fields open (the API server's strict field validation is what refuses them).
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Job, type IJob } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim } from 'kubernetes-models/v1';

const DEPLOY = join(__dirname, '../../deploy');
const SCRIPT = join(DEPLOY, 'run-shard.sh');

function shard(env: Record<string, string>): string {
  return execFileSync('sh', [SCRIPT], { env: { PATH: process.env.PATH!, CONFINE: 'echo', PLAN: 'p.json', OUT: '/r', ...env }, encoding: 'utf8' }).trim();
}

interface KubernetesObject { apiVersion?: unknown; kind?: unknown; metadata?: { name?: string } }

// Every kind the manifest may hold needs its schema here: an object of any other kind is refused,
// so a new one added to the manifest cannot go unchecked.
const SCHEMAS: Record<string, new (data: object) => { validate(): void }> = {
  'batch/v1 Job': Job,
  'v1 PersistentVolumeClaim': PersistentVolumeClaim,
};

function validateAgainstSchema(object: KubernetesObject): void {
  const Schema = SCHEMAS[`${object.apiVersion} ${object.kind}`];
  if (!Schema) throw new Error(`no schema for ${object.apiVersion} ${object.kind}: add its model to SCHEMAS`);
  new Schema(object).validate();
}

function manifestObjects(): KubernetesObject[] {
  return parseAllDocuments(readFileSync(join(DEPLOY, 'kubernetes-sweep.yaml'), 'utf8')).map((document) => {
    if (document.errors.length > 0) throw document.errors[0];
    return document.toJS() as KubernetesObject;
  });
}

function sweepJob(): IJob {
  const job = manifestObjects().find((object) => object.kind === 'Job' && object.metadata?.name === 'confine-sweep-combination');
  if (!job) throw new Error('the manifest has no Job confine-sweep-combination');
  return job as IJob;
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
    const spec = sweepJob().spec!;
    const container = spec.template.spec!.containers[0];
    expect(spec.completionMode).toBe('Indexed');
    expect(spec.parallelism).toBe(spec.completions);
    expect(container.env?.find((variable) => variable.name === 'SHARDS')?.value).toBe(String(spec.completions));
    expect(container.command).toEqual(['deploy/run-shard.sh']);
    for (const script of ['run-shard.sh', 'slurm-sweep.sh']) {
      expect(spawnSync('bash', ['-n', join(DEPLOY, script)]).status, script).toBe(0);
    }
    expect(readFileSync(join(DEPLOY, 'slurm-sweep.sh'), 'utf8')).toMatch(/--array="1-\$SHARDS"[\s\S]*deploy\/run-shard\.sh/);
  });

  it('holds only objects that match the Kubernetes schema of their apiVersion and kind', () => {
    const objects = manifestObjects();
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) expect(() => validateAgainstSchema(object), `${object.kind} ${object.metadata?.name}`).not.toThrow();
  });

  it('refuses a Job that breaks the schema, and a kind it has no schema for', () => {
    const wrongType = structuredClone(sweepJob());
    (wrongType.spec as { completions: unknown }).completions = '8';
    expect(() => validateAgainstSchema(wrongType)).toThrow(/spec\/completions must be integer/);

    const unnamedContainer = structuredClone(sweepJob());
    delete (unnamedContainer.spec!.template.spec!.containers[0] as { name?: string }).name;
    expect(() => validateAgainstSchema(unnamedContainer)).toThrow(/containers\/0 must have required property name/);

    expect(() => validateAgainstSchema({ ...sweepJob(), apiVersion: 'batch/v2' })).toThrow(/no schema for batch\/v2 Job/);
    expect(() => validateAgainstSchema({ apiVersion: 'v1', kind: 'Service' })).toThrow(/no schema for v1 Service/);
  });
});
