// The command line answers --help and refuses an unknown option, or another command's, by name,
// without a stack trace.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(__dirname, '../../bin/confine.mjs');
const confine = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('confine usage', () => {
  it('prints the usage for --help after any command', () => {
    for (const args of [['--help'], ['report', '--help'], ['sweep', '-h']]) {
      const r = confine(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^usage:/);
    }
  });

  it('names an unknown option in one line with the command\'s own, exit 2, no stack trace', () => {
    const r = confine('run', 'default', '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: confine run does not take --bogus; its options: --out, --steps, --checkpoint-every, --resume\n');
    const merge = confine('sweep', 'merge', 'a', '-x');
    expect(merge.stderr).toBe('error: confine sweep merge does not take -x; its options: --out\n');
    const bare = confine('--bogus');
    expect(bare.status).toBe(2);
    expect(bare.stderr).toBe('error: unknown option --bogus; confine --help lists every command and its options\n');
  });

  it('refuses an option of another command by name, listing the command\'s own, before any work', () => {
    const r = confine('sweep', 'plan.json', '--out', 'x', '--steps', '3');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: confine sweep does not take --steps; its options: --out, --shard, --parallel, --checkpoint-every, --dry-run/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const merge = confine('sweep', 'merge', 'a', '--parallel', '2');
    expect(merge.status).toBe(2);
    expect(merge.stderr).toMatch(/^error: confine sweep merge does not take --parallel; its options: --out/);
    const report = confine('report', 'dir', '--model');
    expect(report.status).toBe(2);
    expect(report.stderr).toMatch(/^error: confine report does not take --model/);
  });

  it('names a scenario file that cannot be read, without a stack trace', () => {
    const missing = confine('run', 'no/such/scenario.json', '--out', 'unused');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^error: no\/such\/scenario\.json: 1 problem:\n {2}- the scenario file cannot be read \(ENOENT/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a model-convergence shard without a runs file, or one that is not i/n, before any GPU work', () => {
    const noRuns = confine('verify', '--model', '--shard', '1/3');
    expect(noRuns.status).toBe(2);
    expect(noRuns.stderr).toMatch(/^error: confine verify --model --shard needs --runs FILE\.jsonl/);
    const bad = confine('verify', '--model', '--runs', 'x.jsonl', '--shard', '4/3');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: --shard = 4\/3 must be i\/n with 1 ≤ i ≤ n/);
  });
});
