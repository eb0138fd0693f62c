import { describe, expect, it } from 'vitest';
import { hash4, pcg4d, uniform4, unitFloat } from '../../src/model/rng.ts';

/** An independent pcg4d in exact BigInt arithmetic mod 2³², to check the Math.imul version. */
function pcg4dBig(input: readonly number[]): number[] {
  const M = 0xffffffffn;
  const v = input.map((x) => (BigInt(x) * 1664525n + 1013904223n) & M);
  const mix = () => {
    v[0] = (v[0]! + v[1]! * v[3]!) & M;
    v[1] = (v[1]! + v[2]! * v[0]!) & M;
    v[2] = (v[2]! + v[0]! * v[1]!) & M;
    v[3] = (v[3]! + v[1]! * v[2]!) & M;
  };
  mix();
  for (let i = 0; i < 4; i++) v[i] = v[i]! ^ (v[i]! >> 16n);
  mix();
  return v.map(Number);
}

describe('counter-based RNG', () => {
  it('matches exact 32-bit arithmetic bit for bit', () => {
    const inputs = [[0, 0, 0, 0], [1, 2, 3, 4], [0xffffffff, 0x80000000, 0x7fffffff, 12345]];
    for (let i = 0; i < 200; i++) inputs.push([i * 2654435761, i ^ 0xdeadbeef, i * i, 7].map((x) => x >>> 0));
    for (const input of inputs) expect(pcg4d(input[0]!, input[1]!, input[2]!, input[3]!)).toEqual(pcg4dBig(input));
  });

  it('keeps fixed outputs (the WGSL twin must reproduce these)', () => {
    expect(hash4(0, 0, 0, 0)).toEqual([629284576, 580868700, 841404694, 3713504041]);
    expect(hash4(1, 2, 3, 4)).toEqual([398085205, 118239984, 3386552303, 943583863]);
    expect(hash4(0xffffffff, 1, 0, 1)).toEqual([4128131977, 2952943598, 355150940, 992526857]);
    expect(hash4(5, 6, 7, 8)).toEqual(pcg4dBig(pcg4dBig([5, 6, 7, 8])));
  });

  it('is deterministic and returns u32 words', () => {
    for (let i = 0; i < 100; i++) {
      const a = hash4(42, i, 3, 1);
      expect(hash4(42, i, 3, 1)).toEqual(a);
      for (const w of a) expect(Number.isInteger(w) && w >= 0 && w < 2 ** 32).toBe(true);
    }
  });

  it('maps to [0, 1) through 24 bits, exactly as f32 would', () => {
    expect(unitFloat(0)).toBe(0);
    expect(unitFloat(0xffffffff)).toBe(1 - 2 ** -24);
    expect(Math.fround(unitFloat(0x12345678))).toBe(unitFloat(0x12345678));
  });

  it.each([
    ['id', (i: number) => uniform4(1, i, 0, 1)],
    ['counter', (i: number) => uniform4(1, 7, i, 1)],
    ['seed', (i: number) => uniform4(i, 7, 0, 1)],
  ] as const)('is uniform and uncorrelated along consecutive %s values', (_, draw) => {
    const N = 1 << 16;
    const bins = 64;
    const counts = Array.from({ length: 4 }, () => new Float64Array(bins));
    const sums = new Float64Array(4);
    const squares = new Float64Array(4);
    let lag = 0;
    let lane = 0;
    let previous = 0;
    for (let i = 0; i < N; i++) {
      const q = draw(i);
      for (let l = 0; l < 4; l++) {
        counts[l]![Math.floor(q[l]! * bins)]!++;
        sums[l]! += q[l]!;
        squares[l]! += q[l]! ** 2;
      }
      lag += (q[0]! - 0.5) * (previous - 0.5);
      lane += (q[0]! - 0.5) * (q[1]! - 0.5);
      previous = q[0]!;
    }
    const expected = N / bins;
    for (let l = 0; l < 4; l++) {
      const chi2 = counts[l]!.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
      // 63 degrees of freedom: mean 63, sd 11.2; 120 is beyond p = 1e-6.
      expect(chi2).toBeLessThan(120);
      const mean = sums[l]! / N;
      expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
      expect(Math.abs(squares[l]! / N - mean * mean - 1 / 12)).toBeLessThan(0.003);
    }
    // Correlations of uniform variates have sd 1/(12√N) ≈ 3.3e-4 here; allow 5 sd.
    expect(Math.abs(lag / N)).toBeLessThan(5 / (12 * Math.sqrt(N)));
    expect(Math.abs(lane / N)).toBeLessThan(5 / (12 * Math.sqrt(N)));
  });
});
