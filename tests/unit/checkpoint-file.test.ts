// The checkpoint file on its own (no GPU): what is written is read back bit for bit, numbers
// JSON cannot hold included; a file that is truncated, damaged, not a checkpoint or of another
// format is refused with a message that names it and says what is wrong.
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_FORMAT, CheckpointError, SOFTWARE_VERSION, decodeCheckpoint, encodeCheckpoint, fnv1a32,
} from '../../src/io/checkpoint-file.ts';
import { checkpointSteps, parseCheckpointEvery } from '../../src/sim/checkpoint-interval.ts';

const state = {
  steps: 7, timeMinutes: 1680, flags: [true, false, null], text: 'day 1\nline "two"',
  awkward: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0.1 + 0.2, 2 ** -1074, Number.MAX_VALUE],
};
const bytesOf = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
/** Cell slots in use, then unused ones (zero): the zero tail is not stored. */
const population = new Uint8Array(4096);
population.set(bytesOf(1001, 4));
const blobs = [
  { name: 'Oxygen.mg.u[level 0]', bytes: bytesOf(4096, 1) },
  { name: 'empty', bytes: new Uint8Array(0) },
  { name: 'odd', bytes: bytesOf(13, 2) },
  { name: 'Cancer.census', bytes: bytesOf(16, 3) },
  { name: 'Cancer.body[0]', bytes: population },
  { name: 'zeros', bytes: new Uint8Array(64) },
];
const file = encodeCheckpoint(state, blobs);
const decode = (bytes: Uint8Array) => decodeCheckpoint(bytes, 'run.ckpt');
const refusal = (bytes: Uint8Array) => {
  try {
    decode(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
};

/** `bytes` with the text `from` in its header replaced by `to` (same length) and the checksum redone. */
function patched(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const text = new TextDecoder('latin1').decode(bytes);
  const at = text.indexOf(from);
  expect(at).toBeGreaterThan(0);
  const out = bytes.slice();
  out.set(new TextEncoder().encode(to), at);
  const end = out.length - 'fnv1a32 00000000\n'.length;
  out.set(new TextEncoder().encode(`fnv1a32 ${fnv1a32(out.subarray(0, end)).toString(16).padStart(8, '0')}\n`), end);
  return out;
}

describe('checkpoint file', () => {
  it('reads back the state and every blob exactly, blobs 8-byte aligned in the file', () => {
    const back = decode(file);
    expect(back.software).toBe(SOFTWARE_VERSION);
    expect(back.state).toEqual(state);
    const awkward = (back.state as typeof state).awkward;
    expect(Object.is(awkward[3], -0)).toBe(true);
    expect(awkward.slice(4)).toStrictEqual(state.awkward.slice(4));
    expect(back.blobs.map((b) => b.name)).toEqual(blobs.map((b) => b.name));
    for (const [i, b] of back.blobs.entries()) {
      const full = new Uint8Array(b.byteLength);
      full.set(b.bytes);
      expect(Buffer.from(full).equals(Buffer.from(blobs[i]!.bytes)), b.name).toBe(true);
      expect(b.bytes.byteOffset % 8, b.name).toBe(0);
    }
    // Zero tails are left out in whole 4-byte words; a length that is no multiple of 4 is kept whole.
    expect(back.blobs.map((b) => b.bytes.byteLength)).toEqual([4096, 0, 13, 16, 1004, 0]);
    expect(file.length).toBeLessThan(4096 + 13 + 16 + 1004 + 1000);
    expect(new TextDecoder().decode(file.subarray(0, 21))).toBe(`CONFINE-CHECKPOINT ${CHECKPOINT_FORMAT}\n`);
  });

  it('refuses a truncated file, at any length, saying so', () => {
    for (const keep of [0, 10, 25, 300, file.length - 4000, file.length - 20, file.length - 1]) {
      const message = refusal(file.subarray(0, keep));
      expect(message, `kept ${keep} bytes`).toMatch(/^run\.ckpt: /);
      if (keep >= 25) expect(message, `kept ${keep} bytes`).toMatch(/truncated/);
    }
    expect(refusal(file.subarray(0, file.length - 20))).toMatch(/truncated: the header lists \d+ bytes in all, the file holds \d+/);
    const longer = new Uint8Array(file.length + 3);
    longer.set(file);
    expect(refusal(longer)).toMatch(/3 bytes after the end/);
  });

  it('refuses a damaged file by its checksum, wherever the damage is', () => {
    for (const at of [30, file.length - 100, file.length - 1000]) {
      const damaged = file.slice();
      damaged[at] ^= 0x40;
      expect(refusal(damaged), `byte ${at}`).toMatch(/^run\.ckpt: (checksum mismatch \(stored [0-9a-f]{8}, computed [0-9a-f]{8}\)|the header is not valid JSON)/);
    }
    const tail = file.slice();
    tail[tail.length - 3] = 0x7a; // 'z' is no hex digit
    expect(refusal(tail)).toMatch(/checksum line at the end is missing or damaged/);
  });

  it('refuses what is not a checkpoint, and another format, naming what it found', () => {
    expect(refusal(new TextEncoder().encode('{"name": "default", "kind": "tissue"}'))).toMatch(/run\.ckpt: not a confine checkpoint .*starts with "\{\\"name\\"/);
    expect(refusal(new Uint8Array(0))).toMatch(/not a confine checkpoint/);
    const next = file.slice();
    next.set(new TextEncoder().encode(String(CHECKPOINT_FORMAT + 1)), 'CONFINE-CHECKPOINT '.length);
    expect(refusal(next)).toMatch(new RegExp(`checkpoint format ${CHECKPOINT_FORMAT + 1}; this version of confine \\(${SOFTWARE_VERSION.replace(/\./g, '\\.')}\\) reads format ${CHECKPOINT_FORMAT}`));
  });

  it('hands back the software version that wrote it (a resume compares it)', () => {
    const other = SOFTWARE_VERSION.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    expect(decode(patched(file, `"software":"${SOFTWARE_VERSION}"`, `"software":"${other}"`)).software).toBe(other);
  });

  it('refuses two blobs of one name when writing', () => {
    expect(() => encodeCheckpoint({}, [blobs[0]!, blobs[0]!])).toThrow(/two blobs are named "Oxygen\.mg\.u\[level 0\]"/);
  });
});

describe('--checkpoint-every', () => {
  it('takes whole steps, or days with a d suffix that come to whole steps', () => {
    expect(parseCheckpointEvery('12')).toEqual({ steps: 12 });
    expect(parseCheckpointEvery('2d')).toEqual({ days: 2 });
    expect(checkpointSteps({ days: 2 }, 240)).toBe(12);
    expect(checkpointSteps({ days: 0.3 }, 144)).toBe(3);
    expect(checkpointSteps({ steps: 5 }, 240)).toBe(5);
  });

  it('names the bad value and what it must be', () => {
    for (const bad of ['x', '0', '1.5', '-2', '', 'd', '-1d', '0d', 'twod']) {
      expect(() => parseCheckpointEvery(bad), bad).toThrow(`--checkpoint-every = ${bad} must be a whole number of steps ≥ 1`);
    }
    expect(() => checkpointSteps({ days: 0.1 }, 240)).toThrow('--checkpoint-every = 0.1d is 0.6 steps of 240 min; it must be a whole number of steps ≥ 1');
  });
});
