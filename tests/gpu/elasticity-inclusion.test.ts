// Circular inclusion with growth eigenstrain (docs/references.md, V1) on three grids, h
// halving: thresholds at the middle grid and the observed order of convergence.
import { describe, expect, it } from 'vitest';
import {
  elasticitySolvers, fTermError, finiteCase, GRIDS, inclusionCase, LIMITS, SOFT, STIFF,
  type ElasticitySolvers, type FiniteMetrics, type InclusionMetrics,
} from '../../src/solvers/elasticity/verify-cases.ts';
import { scoped, useGpu } from './fixture.ts';

type Metric = 'l2u' | 'inside' | 'outside' | 'meanInside';
const METRICS: Metric[] = ['l2u', 'inside', 'outside', 'meanInside'];

/** Error ratios e(h)/e(h/2) between successive grids. */
function ratios(values: number[]): number[] {
  return values.slice(1).map((v, i) => values[i] / v);
}

function report(name: string, rows: { n: number; aOverH: number }[], values: Record<string, number[]>): void {
  console.log(name);
  console.table(rows.map((r, i) => ({
    grid: `${r.n}²`, 'a/h': r.aOverH,
    ...Object.fromEntries(Object.entries(values).flatMap(([k, v]) => [[k, v[i].toExponential(2)], [`${k} order`, i ? Math.log2(v[i - 1] / v[i]).toFixed(2) : '']])),
  })));
}

describe('elastic circular inclusion', () => {
  const gpu = useGpu();
  let cached: ElasticitySolvers | undefined;
  const solvers = () => (cached ??= elasticitySolvers(gpu()));

  async function inclusion(moduli: { E1: number; E2: number }): Promise<InclusionMetrics[]> {
    const g = gpu();
    const out: InclusionMetrics[] = [];
    await scoped(g, async () => {
      for (const n of GRIDS) out.push(await inclusionCase(solvers(), moduli, n));
    });
    report(`inclusion E1 = ${moduli.E1}, E2 = ${moduli.E2} kPa`, out, Object.fromEntries(METRICS.map((k) => [k, out.map((m) => m[k])])));
    for (const m of out) expect(m.residual).toBeLessThan(1e-6);
    const middle = out[1];
    for (const k of METRICS) expect(middle[k], k).toBeLessThanOrEqual(LIMITS.inclusion[k]);
    return out;
  }

  it('stiff inclusion (E1 = 20, E2 = 2 kPa): within the V1 thresholds, errors fall ≥ 1.6× per halving', async () => {
    const out = await inclusion(STIFF);
    for (const k of METRICS) for (const r of ratios(out.map((m) => m[k]))) expect(r, k).toBeGreaterThanOrEqual(LIMITS.ratio);
  });

  it('soft inclusion (E1 = 2, E2 = 20 kPa): within the thresholds; errors fall ≥ 1.6² over the two halvings', async () => {
    const out = await inclusion(SOFT);
    // The staircase interface makes the order erratic (V1: "between about 1 and 1.9"): one halving of
    // the soft case gains only 1.2–1.3× in the stress errors, the next 2–10×; u converges steadily.
    for (const r of ratios(out.map((m) => m.l2u))) expect(r).toBeGreaterThanOrEqual(LIMITS.ratio);
    for (const k of METRICS) expect(out[0][k] / out[2][k], k).toBeGreaterThanOrEqual(LIMITS.ratio ** 2);
  });

  it('finite matrix b = 4a: σ_in against clamped (c) and free (b), and their difference by the f-terms', async () => {
    const g = gpu();
    const clamped: FiniteMetrics[] = [];
    const free: FiniteMetrics[] = [];
    await scoped(g, async () => {
      for (const n of GRIDS) {
        clamped.push(await finiteCase(solvers(), 'clamped', n));
        free.push(await finiteCase(solvers(), 'traction-free', n));
      }
    });
    const change = clamped.map((c, i) => fTermError(c, free[i]));
    report('finite matrix b = 4a', clamped, {
      clampedMean: clamped.map((m) => m.meanInside), clampedL2u: clamped.map((m) => m.l2u), freeMean: free.map((m) => m.meanInside), fTerms: change,
    });
    console.table(clamped.map((c, i) => ({ grid: `${c.n}²`, clamped: c.sigmaIn, exactC: c.exact, free: free[i].sigmaIn, exactB: free[i].exact })));
    expect(clamped[1].meanInside).toBeLessThanOrEqual(LIMITS.finite.clamped);
    expect(free[1].meanInside).toBeLessThanOrEqual(LIMITS.finite.free);
    expect(change[1]).toBeLessThanOrEqual(LIMITS.finite.change);
    for (const series of [clamped.map((m) => m.meanInside), clamped.map((m) => m.l2u), free.map((m) => m.meanInside), change]) {
      for (const r of ratios(series)) expect(r).toBeGreaterThanOrEqual(LIMITS.ratio);
    }
  });
  it('finite matrix b = 4a, clamped, soft inclusion in a stiff matrix: σ_in against (c)', async () => {
    const g = gpu();
    const clamped: FiniteMetrics[] = [];
    await scoped(g, async () => {
      for (const n of GRIDS) clamped.push(await finiteCase(solvers(), 'clamped', n, SOFT));
    });
    console.table(clamped.map((c) => ({ grid: `${c.n}²`, clamped: c.sigmaIn, exactC: c.exact, meanError: c.meanInside, l2u: c.l2u })));
    expect(clamped[1].meanInside).toBeLessThanOrEqual(LIMITS.finite.clamped);
    // The mean stress error is already below 1 % at a/h = 8 and falls irregularly (the staircase
    // circle): require it to fall; the displacement error falls ≥ 1.6× per halving.
    expect(clamped[2].meanInside).toBeLessThan(clamped[0].meanInside);
    for (const r of ratios(clamped.map((m) => m.l2u))) expect(r).toBeGreaterThanOrEqual(LIMITS.ratio);
  });
});
