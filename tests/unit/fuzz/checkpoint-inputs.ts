// Checkpoint files: valid ones written by encodeCheckpoint (any state, NaN, ±Infinity and −0
// included, blobs with and without zero tails), then their header rewritten (its JSON mutated
// or damaged, the checksum redone so the header itself is what is read), their first line
// replaced, or their bytes damaged.
import fc from 'fast-check';
import { CHECKPOINT_FORMAT, CHECKPOINT_MAGIC, encodeCheckpoint, fnv1a32, type CheckpointBlob } from '../../../src/io/checkpoint-file.ts';
import { byteDamage } from './byte-mutation.ts';
import type { Expectation } from './fuzz-case.ts';
import { textMutation, treeMutation, type JsonFormat } from './json-mutation.ts';
import type { Json } from './json-tree.ts';

export interface CheckpointCase {
  readonly bytes: Uint8Array;
  readonly mutation: string;
  readonly expect: Expectation;
  /** What was written, where the file still holds it. */
  readonly written?: { readonly state: unknown; readonly blobs: readonly CheckpointBlob[] };
}

const state = fc.record({
  steps: fc.nat(),
  timeMinutes: fc.double(),
  numbers: fc.array(fc.double(), { maxLength: 20 }),
  flags: fc.array(fc.oneof(fc.boolean(), fc.constant(null)), { maxLength: 5 }),
  extra: fc.jsonValue({ maxDepth: 3 }),
});

/** Blob bytes, often ending in zeros (the tail a checkpoint leaves out). */
const blobBytes = fc.tuple(fc.uint8Array({ maxLength: 200 }), fc.nat({ max: 64 })).map(([head, zeros]) => {
  const out = new Uint8Array(head.length + zeros);
  out.set(head);
  return out;
});

const blobs = fc.uniqueArray(fc.record({ name: fc.string({ maxLength: 30 }), bytes: blobBytes }), { selector: (b) => b.name, maxLength: 6 });

const encoder = new TextEncoder();
const TRAILER_BYTES = 'fnv1a32 00000000\n'.length;

/** A file laid out as encodeCheckpoint lays it out, around any header text, its checksum right. */
function withHeader(headerText: string, data: Uint8Array, magicLine = `${CHECKPOINT_MAGIC} ${CHECKPOINT_FORMAT}`): Uint8Array {
  const magic = encoder.encode(`${magicLine}\n`);
  const header = encoder.encode(headerText);
  const headerBytes = Math.ceil((magic.length + header.length + 1) / 8) * 8 - magic.length;
  const out = new Uint8Array(magic.length + headerBytes + data.length + TRAILER_BYTES);
  out.set(magic);
  out.set(header, magic.length);
  out.fill(0x20, magic.length + header.length, magic.length + headerBytes - 1);
  out[magic.length + headerBytes - 1] = 0x0a;
  out.set(data, magic.length + headerBytes);
  const end = out.length - TRAILER_BYTES;
  out.set(encoder.encode(`fnv1a32 ${fnv1a32(out.subarray(0, end)).toString(16).padStart(8, '0')}\n`), end);
  return out;
}

/** A written file's header text (spaces trimmed) and blob data. */
function partsOf(file: Uint8Array): { headerText: string; data: Uint8Array } {
  const magicEnd = file.indexOf(0x0a);
  const headerEnd = file.indexOf(0x0a, magicEnd + 1);
  return { headerText: new TextDecoder().decode(file.subarray(magicEnd + 1, headerEnd)).trimEnd(), data: file.subarray(headerEnd + 1, file.length - TRAILER_BYTES) };
}

/** The header is written by confine, not a person: a mutation of it may be read or refused, and its refusal names no field. */
const HEADER_FORMAT: JsonFormat = {
  rootName: 'header',
  mention: () => '',
  ruleAt: () => undefined,
  mayAccept: () => true,
  knownKeys: new Set(['format', 'software', 'state', 'blobs', 'name', 'byteLength', 'storedBytes', '$number']),
};

function headerMutations(file: Uint8Array): fc.Arbitrary<CheckpointCase> {
  const { headerText, data } = partsOf(file);
  const header = JSON.parse(headerText) as Json;
  return fc.oneof(treeMutation(HEADER_FORMAT, header), textMutation(headerText))
    .map((c) => ({ bytes: withHeader(c.text, data), mutation: `header: ${c.mutation}`, expect: 'either' as const }));
}

/** A first line naming another format; `CONFINE-CHECKPOINT 1.0` still names format 1. */
function magicLines(file: Uint8Array): fc.Arbitrary<CheckpointCase> {
  const { headerText, data } = partsOf(file);
  const token = fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 60 }), fc.string({ unit: 'grapheme-ascii', minLength: 30, maxLength: 60 }))
    .filter((t) => !t.includes('\n'));
  return fc.tuple(fc.constantFrom(`${CHECKPOINT_MAGIC} `, 'CONFINE-CHECKPOINTS ', ''), token).map(([start, t]) => {
    const named = `${start}${t}`.split(' ');
    const readable = named[0] === CHECKPOINT_MAGIC && Number(named[1]) === CHECKPOINT_FORMAT;
    return { bytes: withHeader(headerText, data, `${start}${t}`), mutation: `first line ${JSON.stringify(start + t)}`, expect: readable ? 'either' : 'refuse' };
  });
}

export const checkpointCases: fc.Arbitrary<CheckpointCase> = fc.tuple(state, blobs).chain(([s, b]) => {
  const file = encodeCheckpoint(s, b);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant({ bytes: file, mutation: 'none', expect: 'accept' as const, written: { state: s, blobs: b } }) },
    { weight: 3, arbitrary: headerMutations(file) },
    { weight: 1, arbitrary: magicLines(file) },
    { weight: 2, arbitrary: byteDamage(file, CHECKPOINT_MAGIC.length).map(({ bytes, mutation }) => ({ bytes, mutation, expect: 'either' as const })) },
  );
});
