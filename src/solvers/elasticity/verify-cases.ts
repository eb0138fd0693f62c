// The elasticity verification suite: the circular inclusion (docs/references.md, V1,
// cases a–c), the invariants of V5 and the multigrid behaviour, each case on a given grid returning
// plain numbers. The GPU tests assert LIMITS on them; `confine verify` prints elasticityVerifyRows().
import type { Gpu } from '../../gpu/device.ts';
import { DotKernels } from '../../gpu/dot.ts';
import { withOrders, type VerifyRow } from '../../verify/types.ts';
import { CHEBYSHEV_STEPS } from './chebyshev.ts';
import { ElasticityKernels } from './kernels.ts';
import { finiteCase, inclusionCase, SOFT, STIFF, type ElasticitySolvers, type FiniteMetrics, type InclusionMetrics } from './verify-inclusion.ts';
import { convergenceCase, scalingCase, symmetryMetrics, uniformEigenstrainCase } from './verify-invariants.ts';

export * from './verify-inclusion.ts';
export * from './verify-invariants.ts';

/** Grids of the inclusion cases: 64, 128, 256 elements over 6.4a (a/h = 10, 20, 40) or 8a (8, 16, 32). */
export const GRIDS = [64, 128, 256] as const;

export const LIMITS = {
  /** docs/references.md, V1: the thresholds at a/h = 20 (the middle grid). */
  inclusion: { l2u: 0.02, inside: 0.08, outside: 0.04, meanInside: 0.05 },
  /** Errors fall at least this much per halving of h (V1; per pair of halvings for the soft case). */
  ratio: 1.6,
  /** Finite matrix b = 4a at a/h = 16: σ_in (area mean) against (c) and (b), and the change (c) − (b). */
  finite: { clamped: 0.04, free: 0.05, change: 0.05 },
  /**
   * Invariants, relative. An fp32 displacement carries ~1e-7 relative rounding; a strain is a
   * difference over one element of displacements up to n/2 elements' worth of strain, and λ ≈ 3E
   * at ν = 0.45, so stresses carry ~1e-7·(n/2)·(2λ/E) ≈ 2e-5 at 64² (4e-5 measured).
   */
  uniformStress: 1e-4,
  scaling: 1e-4,
  symmetry: 1e-4,
  /** MG-PCG iterations to 1e-6 may differ by this much between 64² and 256². */
  iterationSpread: 2,
} as const;

export function elasticitySolvers(gpu: Gpu): ElasticitySolvers {
  return { gpu, kernels: new ElasticityKernels(gpu.device, new DotKernels(gpu.device)) };
}

type Quantity<T> = [string, (m: T) => number, number?];

function rowsOf<T extends { n: number; aOverH: number }>(name: string, metrics: T[], quantities: Quantity<T>[], limitAt: number): VerifyRow[] {
  return quantities.flatMap(([quantity, value, limit]) => withOrders(metrics.map((m) => ({
    case: name, grid: `${m.n}² (a/h = ${m.aOverH})`, quantity, value: value(m), threshold: m.n === limitAt ? limit : undefined,
  }))));
}

export async function elasticityVerifyRows(gpu: Gpu): Promise<VerifyRow[]> {
  const s = elasticitySolvers(gpu);
  const rows: VerifyRow[] = [];
  const L = LIMITS.inclusion;
  const inclusionQuantities: Quantity<InclusionMetrics>[] = [
    ['rel. L2(u)', (m) => m.l2u, L.l2u],
    ['max |Δσ| r < 0.7a / |σ_in|', (m) => m.inside, L.inside],
    ['max |Δσ| r > 1.5a / |σ_in|', (m) => m.outside, L.outside],
    ['|Δ mean σ| r < 0.7a / |σ_in|', (m) => m.meanInside, L.meanInside],
  ];
  let stiff64: InclusionMetrics | undefined;
  for (const [name, moduli] of [['stiff (E1 = 20, E2 = 2 kPa)', STIFF], ['soft (E1 = 2, E2 = 20 kPa)', SOFT]] as const) {
    const metrics: InclusionMetrics[] = [];
    for (const n of GRIDS) metrics.push(await inclusionCase(s, moduli, n));
    stiff64 ??= metrics[0];
    rows.push(...rowsOf(`elastic inclusion V1(a), ${name}`, metrics, inclusionQuantities, GRIDS[1]));
  }
  const clamped: FiniteMetrics[] = [];
  const free: FiniteMetrics[] = [];
  for (const n of GRIDS) {
    clamped.push(await finiteCase(s, 'clamped', n));
    free.push(await finiteCase(s, 'traction-free', n));
  }
  const F = LIMITS.finite;
  const clampedSoft: FiniteMetrics[] = [];
  for (const n of GRIDS) clampedSoft.push(await finiteCase(s, 'clamped', n, SOFT));
  rows.push(...rowsOf('elastic inclusion V1(c), clamped at b = 4a, soft (E1 = 2, E2 = 20 kPa)', clampedSoft, [['|Δ mean σ| r < 0.7a / |σ_in|', (m) => m.meanInside, F.clamped], ['rel. L2(u), r < b', (m) => m.l2u]], GRIDS[1]));
  rows.push(...rowsOf('elastic inclusion V1(c), clamped at b = 4a, stiff (E1 = 20, E2 = 2 kPa)', clamped, [['|Δ mean σ| r < 0.7a / |σ_in|', (m) => m.meanInside, F.clamped], ['rel. L2(u), r < b', (m) => m.l2u]], GRIDS[1]));
  rows.push(...rowsOf('elastic inclusion V1(b), free at b = 4a (soft exterior)', free, [['|Δ mean σ| r < 0.7a / |σ_in|', (m) => m.meanInside, F.free]], GRIDS[1]));
  const change = clamped.map((c, i) => ({ n: c.n, aOverH: c.aOverH, error: fTermError(c, free[i]) }));
  rows.push(...rowsOf('elastic inclusion: clamped − free changes σ_in by the f-terms', change, [['rel. error of Δσ_in', (m) => m.error, F.change]], GRIDS[1]));
  const uniform = await uniformEigenstrainCase(s, 64);
  rows.push({ case: 'elastic: uniform ε*, free, homogeneous → σ = 0', grid: '64²', quantity: 'max |σ| / (E ε*)', value: uniform.stress, threshold: LIMITS.uniformStress });
  const scaling = await scalingCase(s, 64, 10);
  rows.push({ case: 'elastic: moduli × 10 → σ × 10, u unchanged', grid: '64²', quantity: 'max |Δσ| / max |σ|', value: scaling.stress, threshold: LIMITS.scaling });
  rows.push({ case: 'elastic: moduli × 10 → σ × 10, u unchanged', grid: '64²', quantity: 'max |Δu| / max |u|', value: scaling.displacement, threshold: LIMITS.scaling });
  if (stiff64) {
    const sym = symmetryMetrics(64, stiff64.result);
    rows.push({ case: 'elastic inclusion: mirror and 90° symmetry', grid: '64²', quantity: 'max asymmetry / max |u|', value: Math.max(sym.mirrorX, sym.mirrorY, sym.rotation), threshold: LIMITS.symmetry });
  }
  for (const boundary of ['clamped', 'traction-free'] as const) {
    for (const n of GRIDS) {
      const c = await convergenceCase(s, n, boundary);
      const name = `elastic MG-PCG, Chebyshev(${CHEBYSHEV_STEPS}, ${CHEBYSHEV_STEPS}), 10:1 inclusion, ${boundary}`;
      rows.push({ case: name, grid: `${n}² (${c.levels} levels)`, quantity: 'iterations to 1e-6', value: c.iterations });
      rows.push({ case: name, grid: `${n}² (${c.levels} levels)`, quantity: 'ms per iteration (SwiftShader: info)', value: c.msPerIteration });
    }
  }
  return rows;
}

/** |(σ_c − σ_b)_numerical − (σ_c − σ_b)_exact| / |(σ_c − σ_b)_exact| for σ_in of V1 (c) and (b). */
export function fTermError(clamped: FiniteMetrics, free: FiniteMetrics): number {
  const exact = clamped.exact - free.exact;
  return Math.abs(clamped.sigmaIn - free.sigmaIn - exact) / Math.abs(exact);
}
