// Damage done to a file's bytes, whatever the format: cut short, bits flipped, bytes appended,
// or replaced by random bytes. Readers must refuse or accept each without failing otherwise.
import fc from 'fast-check';

interface ByteDamage {
  readonly bytes: Uint8Array;
  readonly mutation: string;
}

function cut(bytes: Uint8Array): fc.Arbitrary<ByteDamage> {
  return fc.nat({ max: Math.max(0, bytes.length - 1) }).map((n) => ({ bytes: bytes.slice(0, n), mutation: `cut to ${n} bytes` }));
}

function bitFlips(bytes: Uint8Array): fc.Arbitrary<ByteDamage> {
  const flip = fc.tuple(fc.nat({ max: Math.max(0, bytes.length - 1) }), fc.integer({ min: 0, max: 7 }));
  return fc.array(flip, { minLength: 1, maxLength: 8 }).map((flips) => {
    const out = bytes.slice();
    for (const [at, bit] of flips) if (at < out.length) out[at]! ^= 1 << bit;
    return { bytes: out, mutation: `bits flipped at ${flips.map(([at, bit]) => `${at}.${bit}`).join(', ')}` };
  });
}

function appended(bytes: Uint8Array): fc.Arbitrary<ByteDamage> {
  return fc.uint8Array({ minLength: 1, maxLength: 64 }).map((tail) => {
    const out = new Uint8Array(bytes.length + tail.length);
    out.set(bytes);
    out.set(tail, bytes.length);
    return { bytes: out, mutation: `${tail.length} bytes appended` };
  });
}

/** Random bytes, some starting as the real file does (its first `keep` bytes: a signature, a magic line). */
function randomBytes(bytes: Uint8Array, keep: number): fc.Arbitrary<ByteDamage> {
  return fc.tuple(fc.boolean(), fc.uint8Array({ maxLength: 256 })).map(([prefixed, random]) => {
    const head = prefixed ? bytes.subarray(0, keep) : new Uint8Array(0);
    const out = new Uint8Array(head.length + random.length);
    out.set(head);
    out.set(random, head.length);
    return { bytes: out, mutation: `${random.length} random bytes${prefixed ? ` after the first ${keep}` : ''}` };
  });
}

/** One kind of damage to `bytes`; `keep` is how many leading bytes name the format. */
export function byteDamage(bytes: Uint8Array, keep: number): fc.Arbitrary<ByteDamage> {
  return fc.oneof(cut(bytes), bitFlips(bytes), appended(bytes), randomBytes(bytes, keep));
}

/** Bytes as text, one character per byte, for the echo check: any run of the file shows as the same run of characters. */
export function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}
