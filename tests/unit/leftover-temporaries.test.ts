// What a writer killed mid-file leaves (a hidden temporary named after its target) is removed
// when the run or sweep part that owns the target starts, and nothing else is: another shard's
// checkpoint temporaries, the outputs themselves and files of other names stay.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeCheckpointTemporaries } from '../../src/sweep/run-one.ts';
import type { PlannedRun } from '../../src/sweep/plan.ts';

describe('leftover temporaries', () => {
  it('of this sweep part\'s checkpoints are removed, every other file kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confine-leftovers-'));
    const names = ['.run-3.ckpt.4121.0a1b2c3d.tmp', '.run-4.ckpt.977.ffffffff.tmp', 'run-3.ckpt', '.run-3.ckpt.notes', 'run-3.ckpt.4121.0a1b2c3d.tmp', '.run-30.ckpt.1.00000000.tmp'];
    for (const name of names) writeFileSync(join(dir, name), 'x');
    await removeCheckpointTemporaries(dir, [{ run: 3 } as PlannedRun]);
    expect(readdirSync(dir).sort()).toEqual(names.slice(1).sort());
  });
});
