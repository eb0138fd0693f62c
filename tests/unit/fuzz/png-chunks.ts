// PNG files written chunk by chunk, so a test controls every field a decoder reads (and can get
// each wrong on purpose): the signature, then chunks of length, type, data and CRC-32.
import { deflateSync } from 'node:zlib';

export interface Chunk {
  readonly type: string;
  readonly data: Uint8Array;
}

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The file: signature and chunks, each with its CRC over type and data. */
export function pngFile(chunks: readonly Chunk[]): Uint8Array {
  const size = PNG_SIGNATURE.length + chunks.reduce((n, c) => n + 12 + c.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(PNG_SIGNATURE);
  let at = PNG_SIGNATURE.length;
  for (const c of chunks) {
    view.setUint32(at, c.data.length);
    const typed = new Uint8Array(4 + c.data.length);
    typed.set(new TextEncoder().encode(c.type));
    typed.set(c.data, 4);
    out.set(typed, at + 4);
    view.setUint32(at + 8 + c.data.length, crc32(typed));
    at += 12 + c.data.length;
  }
  return out;
}

export interface Header {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  readonly colourType: number;
  readonly compression?: number;
  readonly filter?: number;
  readonly interlace?: number;
}

export function ihdr(h: Header): Chunk {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, h.width);
  view.setUint32(4, h.height);
  data.set([h.depth, h.colourType, h.compression ?? 0, h.filter ?? 0, h.interlace ?? 0], 8);
  return { type: 'IHDR', data };
}

/** Samples per pixel of each colour type: grey, RGB, palette index, grey + alpha, RGBA. */
export const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Image data: rows of `samples` (row-major, `channels` per pixel) packed at `depth` bits, each after filter byte 0, deflated. */
export function idat(width: number, height: number, depth: number, channels: number, samples: ArrayLike<number>): Chunk {
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  const raw = new Uint8Array(height * (1 + rowBytes));
  for (let r = 0; r < height; r++) {
    const row = r * (1 + rowBytes) + 1;
    for (let k = 0; k < width * channels; k++) {
      const s = samples[r * width * channels + k]!;
      if (depth === 16) raw.set([s >> 8, s & 0xff], row + 2 * k);
      else if (depth === 8) raw[row + k] = s;
      else {
        const bit = k * depth;
        raw[row + (bit >> 3)]! |= s << (8 - depth - (bit & 7));
      }
    }
  }
  return { type: 'IDAT', data: deflateSync(raw) };
}
