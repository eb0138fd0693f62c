// Checkpoint files fuzzed by the thousand: valid ones of any state and blobs, their headers
// rewritten, their first lines replaced, their bytes cut, flipped and appended to. Each is
// read back as written (or, damaged yet whole, as a consistent file) or refused with a
// CheckpointError naming the file, in time, echoing none of its bytes back.
import { describe, expect, it } from 'vitest';
import { CheckpointError, decodeCheckpoint, type CheckpointContents } from '../../src/io/checkpoint-file.ts';
import { latin1 } from './fuzz/byte-mutation.ts';
import { checkpointCases, type CheckpointCase } from './fuzz/checkpoint-inputs.ts';
import { echoedRun } from './fuzz/echo.ts';
import { unhandled } from './fuzz/refusal.ts';
import { fuzz, type Outcome } from './fuzz/run-fuzz.ts';

const SOURCE = 'fuzz.ckpt';

/** Whatever is read is consistent: each blob a view into the file, no longer than it says. */
function checkContents(c: CheckpointCase, read: CheckpointContents): void {
  expect(typeof read.software).toBe('string');
  const wrong = read.blobs.find((b) => typeof b.name !== 'string' || b.bytes.buffer !== c.bytes.buffer || b.bytes.length > b.byteLength);
  expect(wrong).toBeUndefined();
  if (c.written === undefined) return;
  expect(read.state).toEqual(c.written.state);
  expect(read.blobs.map((b) => {
    const full = new Uint8Array(b.byteLength);
    full.set(b.bytes);
    return { name: b.name, bytes: full };
  })).toEqual(c.written.blobs);
}

function read(c: CheckpointCase): Outcome {
  let contents;
  try {
    contents = decodeCheckpoint(c.bytes, SOURCE);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw unhandled(error);
    expect(c.expect, `${c.mutation}: refused\n${error.message}`).not.toBe('accept');
    expect(error.message.startsWith(`${SOURCE}: `)).toBe(true);
    // Nothing of a checkpoint is quoted whole: not a key, not a value.
    expect(echoedRun(error.message, latin1(c.bytes), () => []), `the message echoes the file:\n${error.message}`).toBeUndefined();
    return 'refused';
  }
  expect(c.expect, `${c.mutation}: accepted`).not.toBe('refuse');
  checkContents(c, contents);
  return 'accepted';
}

describe('checkpoint files, fuzzed', () => {
  it('are each read back as written or refused naming the file', async () => {
    const tally = await fuzz({ format: 'checkpoints', inputs: checkpointCases, seed: 20240615, numRuns: 2000, read });
    expect(tally.accepted).toBeGreaterThan(tally.tried / 5);
  }, 120_000);
});
