// One checkpoint as one file, the same in Node and the browser:
//
//   CONFINE-CHECKPOINT <format>\n
//   <header: one line of JSON, padded with spaces so the data starts 8-byte aligned>\n
//   <blob 0><blob 1>…            each zero-padded to a multiple of 8 bytes
//   fnv1a32 <8 hex digits>\n     FNV-1a (32 bit) of every byte before this line
//
// The header carries the format, the software version, the caller's state (any JSON) and the
// name, byte length and stored length of each blob: a blob's zero tail is not stored (in whole
// 4-byte words, as GPU buffers are written), which keeps the unused slots of a large cell
// population out of the file. Numbers JSON cannot hold (NaN, ±Infinity, −0) are written as
// {"$number": "NaN"}, so a state read back is the state written, bit for bit.
import { version as SOFTWARE_VERSION } from '../../package.json';

export { SOFTWARE_VERSION };
export const CHECKPOINT_MAGIC = 'CONFINE-CHECKPOINT';
export const CHECKPOINT_FORMAT = 1;
const ALIGN = 8;
const TRAILER_BYTES = 'fnv1a32 00000000\n'.length;

export interface CheckpointBlob {
  name: string;
  bytes: Uint8Array;
}

/** A blob read back: `bytes` is its stored start, a view into the file (8-byte aligned within it); the rest, up to `byteLength`, is zero. */
export interface StoredBlob extends CheckpointBlob {
  byteLength: number;
}

export interface CheckpointContents<State = unknown> {
  /** The version of confine that wrote the file. */
  software: string;
  state: State;
  /** In the order written. */
  blobs: StoredBlob[];
}

/** A file that is not a whole, readable checkpoint of this format; the message names the file. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

export function encodeCheckpoint(state: unknown, blobs: readonly CheckpointBlob[]): Uint8Array<ArrayBuffer> {
  const names = new Set<string>();
  for (const b of blobs) {
    if (names.has(b.name)) throw new Error(`checkpoint: two blobs are named "${b.name}"; names must be unique`);
    names.add(b.name);
  }
  const encoder = new TextEncoder();
  const magic = encoder.encode(`${CHECKPOINT_MAGIC} ${CHECKPOINT_FORMAT}\n`);
  const stored = blobs.map((b) => b.bytes.subarray(0, storedLength(b.bytes)));
  const header = {
    format: CHECKPOINT_FORMAT, software: SOFTWARE_VERSION, state,
    blobs: blobs.map((b, i) => ({ name: b.name, byteLength: b.bytes.byteLength, storedBytes: stored[i]!.byteLength })),
  };
  const json = encoder.encode(JSON.stringify(header, exactNumbers));
  const headerBytes = padded(magic.length + json.length + 1) - magic.length;
  const dataBytes = stored.reduce((sum, b) => sum + padded(b.byteLength), 0);
  const out = new Uint8Array(magic.length + headerBytes + dataBytes + TRAILER_BYTES);
  out.set(magic, 0);
  out.set(json, magic.length);
  out.fill(0x20, magic.length + json.length, magic.length + headerBytes - 1);
  out[magic.length + headerBytes - 1] = 0x0a;
  let offset = magic.length + headerBytes;
  for (const b of stored) {
    out.set(b, offset);
    offset += padded(b.byteLength);
  }
  out.set(encoder.encode(`fnv1a32 ${hex(fnv1a32(out.subarray(0, offset)))}\n`), offset);
  return out;
}

/** Reads a checkpoint; throws CheckpointError naming `source` and what is wrong. */
export function decodeCheckpoint(bytes: Uint8Array, source: string): CheckpointContents {
  const fail = (what: string): never => {
    throw new CheckpointError(`${source}: ${what}`);
  };
  const decoder = new TextDecoder();
  const magicEnd = bytes.subarray(0, 64).indexOf(0x0a);
  const magicLine = decoder.decode(bytes.subarray(0, magicEnd < 0 ? Math.min(bytes.length, 32) : magicEnd));
  const [magic, format] = magicLine.split(' ');
  if (magic !== CHECKPOINT_MAGIC) fail(`not a confine checkpoint (it should start with "${CHECKPOINT_MAGIC}", it starts with ${JSON.stringify(magicLine.slice(0, 24))})`);
  // Shortened as found: a damaged first line is not echoed back whole.
  const shown = format === undefined || format.length <= 16 ? format : `${format.slice(0, 13)}...`;
  if (Number(format) !== CHECKPOINT_FORMAT) fail(`checkpoint format ${shown}; this version of confine (${SOFTWARE_VERSION}) reads format ${CHECKPOINT_FORMAT}`);
  const headerEnd = bytes.indexOf(0x0a, magicEnd + 1);
  if (headerEnd < 0) fail(`truncated: the file (${bytes.length} bytes) ends inside its header`);
  let header: { software?: unknown; state?: unknown; blobs?: unknown };
  try {
    const parsed: unknown = JSON.parse(decoder.decode(bytes.subarray(magicEnd + 1, headerEnd)), exactNumbersBack);
    // JSON that is no object (null, a number, a list) is a header lacking every field.
    header = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
  } catch (error) {
    return fail(`the header is not valid JSON (${(error as Error).message}): the file is corrupt`);
  }
  const listed = header.blobs;
  const isBlob = (b: { name?: unknown; byteLength?: unknown; storedBytes?: unknown } | null) => typeof b?.name === 'string'
    && Number.isInteger(b.byteLength) && Number.isInteger(b.storedBytes) && 0 <= (b.storedBytes as number) && (b.storedBytes as number) <= (b.byteLength as number);
  if (typeof header.software !== 'string' || !('state' in header) || !Array.isArray(listed) || !listed.every(isBlob)) {
    fail('the header lacks software, state or a blobs list of {name, byteLength, storedBytes}: the file is corrupt');
  }
  const dataStart = headerEnd + 1;
  const blobList = listed as { name: string; byteLength: number; storedBytes: number }[];
  const dataEnd = dataStart + blobList.reduce((sum, b) => sum + padded(b.storedBytes), 0);
  const expected = dataEnd + TRAILER_BYTES;
  if (bytes.length < expected) fail(`truncated: the header lists ${expected} bytes in all, the file holds ${bytes.length}`);
  if (bytes.length > expected) fail(`${bytes.length - expected} bytes after the end the header gives (${expected} bytes): the file is corrupt`);
  const trailer = decoder.decode(bytes.subarray(dataEnd));
  const stored = /^fnv1a32 ([0-9a-f]{8})\n$/.exec(trailer)?.[1];
  if (stored === undefined) fail(`the checksum line at the end is missing or damaged (${JSON.stringify(trailer)})`);
  const computed = hex(fnv1a32(bytes.subarray(0, dataEnd)));
  if (stored !== computed) fail(`checksum mismatch (stored ${stored}, computed ${computed}): the file is corrupt`);
  let offset = dataStart;
  const blobs = blobList.map((b) => {
    const blob = { name: b.name, byteLength: b.byteLength, bytes: bytes.subarray(offset, offset + b.storedBytes) };
    offset += padded(b.storedBytes);
    return blob;
  });
  return { software: header.software as string, state: header.state, blobs };
}

/** FNV-1a, 32 bit: cheap, and enough to catch a damaged or truncated file. */
export function fnv1a32(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** Bytes up to the last non-zero 4-byte word (the whole blob if its length is no multiple of 4). */
function storedLength(bytes: Uint8Array): number {
  if (bytes.byteLength % 4 !== 0) return bytes.byteLength;
  const words = bytes.byteOffset % 4 === 0
    ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
    : new Uint32Array(bytes.slice().buffer);
  let n = words.length;
  while (n > 0 && words[n - 1] === 0) n--;
  return 4 * n;
}

function exactNumbers(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || (Number.isFinite(value) && !Object.is(value, -0))) return value;
  return { $number: Object.is(value, -0) ? '-0' : String(value) };
}

function exactNumbersBack(_key: string, value: unknown): unknown {
  const boxed = value as { $number?: unknown } | null;
  if (typeof boxed === 'object' && boxed !== null && typeof boxed.$number === 'string' && Object.keys(boxed).length === 1) return Number(boxed.$number);
  return value;
}

function padded(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
