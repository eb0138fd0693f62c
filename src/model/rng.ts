// Counter-based random numbers: a pure hash of (seed, id, counter, stream), so a draw does not
// depend on the order in which threads or loops ask for it. The hash is pcg4d (Jarzynski &
// Olano 2020, "Hash Functions for GPU Rendering", JCGT 9(3)), chosen because it uses only
// 32-bit wrapping multiply, add, xor and shift: WGSL's u32 does exactly these, so a WGSL twin
// reproduces every bit. Math.imul gives the low 32 bits of the product and `>>> 0`
// reinterprets them as unsigned, which is what u32 arithmetic does on the GPU.

/** Four numbers: four u32 words from the hash, or four floats made from them. */
export type Quad = [number, number, number, number];

/** Stream ids keep independent uses of the same (seed, id, counter) apart; never reuse one. */
export const RNG_STREAM = {
  vesselJitter: 1,
  cellPlacement: 2,
  nkPlacement: 3,
  nkCapacity: 4,
  // 11–17 are the agent kernels' (shaders/cells/agents.wgsl).
} as const;

const LCG_MUL = 1664525;
const LCG_ADD = 1013904223;

/** pcg4d on four u32 words; returns four well-mixed u32 words. */
export function pcg4d(a: number, b: number, c: number, d: number): Quad {
  let x = (Math.imul(a >>> 0, LCG_MUL) + LCG_ADD) >>> 0;
  let y = (Math.imul(b >>> 0, LCG_MUL) + LCG_ADD) >>> 0;
  let z = (Math.imul(c >>> 0, LCG_MUL) + LCG_ADD) >>> 0;
  let w = (Math.imul(d >>> 0, LCG_MUL) + LCG_ADD) >>> 0;

  x = (x + Math.imul(y, w)) >>> 0;
  y = (y + Math.imul(z, x)) >>> 0;
  z = (z + Math.imul(x, y)) >>> 0;
  w = (w + Math.imul(y, z)) >>> 0;

  x = (x ^ (x >>> 16)) >>> 0;
  y = (y ^ (y >>> 16)) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  w = (w ^ (w >>> 16)) >>> 0;

  x = (x + Math.imul(y, w)) >>> 0;
  y = (y + Math.imul(z, x)) >>> 0;
  z = (z + Math.imul(x, y)) >>> 0;
  w = (w + Math.imul(y, z)) >>> 0;
  return [x, y, z, w];
}

/**
 * The generator proper: pcg4d applied twice. One round leaves high input bits weakly mixed
 * (flipping bit 31 of an input changes only ~13 % of some output's bits); two rounds give full
 * avalanche (every input bit flips 49–51 % of every output's bits) for about 30 integer ops.
 */
export function hash4(seed: number, id: number, counter: number, stream: number): Quad {
  const [a, b, c, d] = pcg4d(seed, id, counter, stream);
  return pcg4d(a, b, c, d);
}

const TWO_POW_MINUS_24 = 1 / 16777216;

/**
 * A u32 to a float in [0, 1) from its top 24 bits. 24 bits is what an f32 mantissa holds, so
 * `f32(u >> 8u) * (1.0 / 16777216.0)` in WGSL gives the same value exactly.
 */
export function unitFloat(u: number): number {
  return (u >>> 8) * TWO_POW_MINUS_24;
}

/** Four floats in [0, 1) for one (seed, id, counter, stream). */
export function uniform4(seed: number, id: number, counter: number, stream: number): Quad {
  const [a, b, c, d] = hash4(seed, id, counter, stream);
  return [unitFloat(a), unitFloat(b), unitFloat(c), unitFloat(d)];
}
