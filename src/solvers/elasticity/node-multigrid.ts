// Multigrid V-cycle on the node grid of the elasticity solver, used as the CG preconditioner
// z = M r. Levels follow buildLevels() of the element grid; coarse operators are rediscretised
// (λ, μ averaged over the children); the smoother is point-block Gauss–Seidel over four colours,
// pre-smoothing in colour order 0,1,2,3 and post-smoothing in 3,2,1,0, with restriction the
// transpose of bilinear prolongation and a symmetric coarse solve, so M is symmetric. Levels of
// at most COARSE_CYCLE_MAX elements a side run as one dispatch (solvers/coarse-cycle.ts), their
// vectors side by side in shared buffers.
import { groups, linearGroups } from '../../gpu/kernel.ts';
import { isStorage, storageBuffer, storageFrom, uniformBuffer } from '../../gpu/buffers.ts';
import { buildLevels, type LevelShape } from '../levels.ts';
import { packStruct, packStructArray } from '../../gpu/struct-layout.ts';
import { coarseCycleStart, coarsenSteps, cycleOffsets, cycleSteps, packedOffsets } from '../coarse-cycle.ts';
import { CHEBYSHEV_RATIO, CHEBYSHEV_STEPS, chebyshevScales, LAMBDA_MAX } from './chebyshev.ts';
import { WG_1D, WG_2D } from '../../gpu/workgroup.ts';
import type { ElasticityKernels } from './kernels.ts';

export interface NodeMultigridOptions {
  label: string;
  nx: number;
  ny: number;
  /** Element side, µm. */
  h: number;
  kappa: number;
  /** Finest level: per-node fixed flags (owned by the caller), right-hand side r and correction z. */
  fixed: GPUBuffer;
  rhs: GPUBuffer;
  x: GPUBuffer;
  preSweeps: number;
  postSweeps: number;
  /** Symmetric sweeps of the coarsest level; default 2·(nx + ny) of that level. */
  coarseSweeps?: number;
  /**
   * Smoother of the levels above the coarse cycle: 'chebyshev' (CHEBYSHEV_STEPS steps on D⁻¹K
   * before and after, one dispatch each; chebyshev.ts) or 'gauss-seidel' (preSweeps and
   * postSweeps 4-colour sweeps, four dispatches each). The coarse cycle sweeps with Gauss–Seidel.
   */
  smoother: 'chebyshev' | 'gauss-seidel';
  /** Levels of at most this many elements a side go into the one-dispatch coarse cycle (default COARSE_CYCLE_MAX of solvers/coarse-cycle.ts; the coarsest always does). */
  coarseCycleMax?: number;
}

interface NodeLevel {
  shape: LevelShape;
  /** Levels above the coarse cycle only: Gauss–Seidel colours or Chebyshev steps, and the transfers. */
  smooth: GPUBindGroup[];
  chebyshev?: GPUBindGroup[];
  residual?: GPUBindGroup;
  restrict?: GPUBindGroup;
  prolong?: GPUBindGroup;
  coarsen?: GPUBindGroup;
}

const COLOURS = [0, 1, 2, 3];
/** Axes keep halving below buildLevels()' coarsest grid while even and longer than this. */
const COARSEST_ELEMENTS = 4;

/**
 * buildLevels() of the element grid, continued down to about 4×4 elements: Gauss–Seidel alone
 * solves 16×16 elements too slowly (the CG iteration count stalls on the coarse error), while
 * a few symmetric sweeps nearly solve 4×4.
 */
export function elementLevels(nx: number, ny: number, h: number): LevelShape[] {
  const levels = buildLevels(nx, ny, h, h);
  for (;;) {
    const last = levels[levels.length - 1];
    const rx = last.nx % 2 === 0 && last.nx > COARSEST_ELEMENTS ? 2 : 1;
    const ry = last.ny % 2 === 0 && last.ny > COARSEST_ELEMENTS ? 2 : 1;
    if (rx === 1 && ry === 1) return levels;
    levels[levels.length - 1] = { ...last, rx, ry };
    levels.push({ nx: last.nx / rx, ny: last.ny / ry, hx: last.hx * rx, hy: last.hy * ry, rx: 1, ry: 1 });
  }
}

export class NodeMultigrid {
  readonly levels: NodeLevel[];
  /** Index of the first level in the coarse cycle. */
  readonly cycleStart: number;
  /** (λ, μ) per element of the finest level (kPa), written by Elasticity's assembly. */
  readonly lame: GPUBuffer;
  /** MechLevel uniform of the finest level (colour 0), shared with the other finest-level kernels. */
  readonly uniform: GPUBuffer;
  private readonly buffers: GPUBuffer[] = [];
  private readonly constants: GPUBuffer[] = [];
  private readonly clearGroup: GPUBindGroup;
  private readonly cycleGroup: GPUBindGroup;
  private readonly coarsenGroup?: GPUBindGroup;
  private readonly nodes: number;

  constructor(private readonly kernels: ElasticityKernels, readonly options: NodeMultigridOptions) {
    const device = kernels.device;
    const { label, h, kappa } = options;
    const shapes = elementLevels(options.nx, options.ny, h);
    const start = coarseCycleStart(shapes, options.coarseCycleMax);
    this.cycleStart = start;
    const make = (role: string, bytes: number) => {
      const b = storageBuffer(device, `${label}.${role}`, bytes);
      this.buffers.push(b);
      return b;
    };
    const levelValues = (l: number, colour: number) => {
      const s = shapes[l];
      const c = shapes[l + 1] ?? s;
      return { nx: s.nx, ny: s.ny, cnx: c.nx, cny: c.ny, rx: s.rx, ry: s.ry, colour, h: s.hx, kappa };
    };
    const levelUniform = (l: number, colour: number) => {
      const b = uniformBuffer(device, `${label}.level[${l}].colour${colour}`, packStruct(kernels.levelLayout, levelValues(l, colour)));
      this.buffers.push(b);
      return b;
    };
    const finestLame = make('lame[level 0]', shapes[0].nx * shapes[0].ny * 8);
    // The coarse cycle's levels share one buffer per role; a lone finest level is its own.
    const cycleShapes = shapes.slice(start);
    const nodeLayout = packedOffsets(cycleShapes.map((c) => (c.nx + 1) * (c.ny + 1)));
    const elementLayout = packedOffsets(cycleShapes.map((c) => c.nx * c.ny));
    const layout = { nodes: nodeLayout.offsets, elements: elementLayout.offsets, nodeCount: nodeLayout.total, elementCount: elementLayout.total };
    const shared = start === 0
      ? { lame: finestLame, fixed: options.fixed, rhs: options.rhs, x: options.x, res: make('residual[coarse cycle]', layout.nodeCount * 8) }
      : {
        lame: make('lame[coarse cycle]', layout.elementCount * 8),
        fixed: make('fixed[coarse cycle]', layout.nodeCount * 4),
        rhs: make('rhs[coarse cycle]', layout.nodeCount * 8),
        x: make('x[coarse cycle]', layout.nodeCount * 8),
        res: make('residual[coarse cycle]', layout.nodeCount * 8),
      };
    const vectors = shapes.map((s, l) => {
      const nodes = (s.nx + 1) * (s.ny + 1);
      const elements = s.nx * s.ny;
      const tag = `level ${l}`;
      if (l >= start && start > 0) {
        const k = l - start;
        const at = (buffer: GPUBuffer, offset: number, count: number, bytes: number): GPUBufferBinding => ({ buffer, offset: offset * bytes, size: count * bytes });
        return {
          nodes,
          lame: at(shared.lame, layout.elements[k], elements, 8),
          fixed: at(shared.fixed, layout.nodes[k], nodes, 4),
          rhs: at(shared.rhs, layout.nodes[k], nodes, 8),
          x: at(shared.x, layout.nodes[k], nodes, 8),
        };
      }
      return {
        nodes,
        lame: l === 0 ? finestLame : make(`lame[${tag}]`, elements * 8),
        fixed: l === 0 ? options.fixed : make(`fixed[${tag}]`, nodes * 4),
        rhs: l === 0 ? options.rhs : make(`rhs[${tag}]`, nodes * 8),
        x: l === 0 ? options.x : make(`x[${tag}]`, nodes * 8),
        res: l < start ? make(`residual[${tag}]`, nodes * 8) : undefined,
      };
    });
    // The same steps before and after keep the V-cycle symmetric; an even number ends the
    // iterate in the buffer it started in.
    const cheb = options.smoother === 'chebyshev';
    const stepUniforms = cheb
      ? chebyshevScales(CHEBYSHEV_STEPS, LAMBDA_MAX, CHEBYSHEV_RATIO).map((scales, k) => {
        const b = uniformBuffer(device, `${label}.chebyshev[${k}]`, packStruct(kernels.chebyshevLayout, scales));
        this.buffers.push(b);
        return b;
      })
      : [];
    this.uniform = levelUniform(0, 0);
    this.levels = shapes.map((shape, l) => {
      const v = vectors[l];
      const tag = `${label} level ${l}`;
      const fine = l < start;
      const level: NodeLevel = { shape, smooth: [] };
      if (!fine) return level;
      const uniforms = COLOURS.map((c) => (l === 0 && c === 0 ? this.uniform : levelUniform(l, c)));
      const operator = { lame: v.lame, fixed: v.fixed, rhs: v.rhs };
      level.smooth = uniforms.map((u, c) => kernels.smooth.bind(`${tag} colour ${c}`, { level: u, ...operator, u: v.x }));
      if (cheb) {
        const alt = make(`x·alt[${tag}]`, v.nodes * 8);
        const d = make(`d[${tag}]`, v.nodes * 8);
        level.chebyshev = stepUniforms.map((u, k) => {
          const [from, to] = k % 2 === 0 ? [v.x, alt] : [alt, v.x];
          return kernels.chebyshev.bind(`${tag} chebyshev ${k}`, { level: uniforms[0], step: u, ...operator, u_in: from, u_out: to, d });
        });
      }
      const C = vectors[l + 1];
      level.coarsen = kernels.coarsen.bind(tag, { level: uniforms[0], lame: v.lame, fixed: v.fixed, coarse_lame_out: C.lame, coarse_fixed: C.fixed });
      if ('res' in v && v.res) {
        level.residual = kernels.residual.bind(tag, { level: uniforms[0], ...operator, u: v.x, out: v.res });
        level.restrict = kernels.restrict.bind(tag, { level: uniforms[0], coarse_fixed: C.fixed, r: v.res, coarse_rhs: C.rhs, coarse_u: C.x });
        level.prolong = kernels.prolong.bind(tag, { level: uniforms[0], fixed: v.fixed, coarse_u: C.x, u: v.x });
      }
      return level;
    });
    const coarsest = cycleShapes[cycleShapes.length - 1];
    const steps = cycleSteps(cycleShapes.length, {
      preSweeps: options.preSweeps, postSweeps: options.postSweeps, colours: COLOURS,
      coarsestColours: [...COLOURS, ...[...COLOURS].reverse()], coarsestSweeps: options.coarseSweeps ?? 2 * (coarsest.nx + coarsest.ny),
    });
    // Written once here, so not state: kept apart from the buffers a checkpoint saves.
    const cycleLevels = storageFrom(device, `${label}.coarseCycle.shapes`, packStructArray(kernels.levelLayout, cycleShapes.map((_, k) => levelValues(start + k, 0))));
    const offsets = storageFrom(device, `${label}.coarseCycle.offsets`, cycleOffsets(layout.nodes, layout.elements));
    const stepBuffer = storageFrom(device, `${label}.coarseCycle.steps`, steps);
    this.constants.push(cycleLevels, stepBuffer, offsets);
    const cycleBuffers = { shapes: cycleLevels, offsets, lame: shared.lame, fixed: shared.fixed, rhs: shared.rhs, u: shared.x, res: shared.res };
    this.cycleGroup = kernels.coarseCycle.bind(`${label} coarse cycle`, { ...cycleBuffers, steps: stepBuffer });
    if (cycleShapes.length > 1) {
      const coarsening = storageFrom(device, `${label}.coarseCycle.coarsen`, coarsenSteps(cycleShapes.length));
      this.constants.push(coarsening);
      this.coarsenGroup = kernels.coarseCycle.bind(`${label} coarse cycle coarsening`, { ...cycleBuffers, steps: coarsening });
    }
    this.lame = finestLame;
    this.nodes = vectors[0].nodes;
    const count = uniformBuffer(device, `${label}.count`, packStruct(kernels.vectorLayout, { count: this.nodes }));
    this.buffers.push(count);
    this.clearGroup = kernels.clear.bind(`${label} z`, { params: count, x: options.x });
  }

  get levelCount(): number {
    return this.levels.length;
  }

  /** Coarse (λ, μ) and fixed flags from the finest level's: a dispatch a level above the coarse cycle, one for the cycle's. */
  coarsen(pass: GPUComputePassEncoder): void {
    this.levels.forEach((L, l) => {
      if (!L.coarsen) return;
      const c = this.levels[l + 1].shape;
      this.kernels.coarsen.dispatch(pass, L.coarsen, groups(c.nx + 1, WG_2D), groups(c.ny + 1, WG_2D));
    });
    if (this.coarsenGroup) this.kernels.coarseCycle.dispatch(pass, this.coarsenGroup, 1);
  }

  /** x = M rhs: one V-cycle from a zero guess. */
  precondition(pass: GPUComputePassEncoder): void {
    this.kernels.clear.dispatch(pass, this.clearGroup, ...linearGroups(this.nodes, WG_1D));
    this.vcycle(pass, 0);
  }

  private smooth(pass: GPUComputePassEncoder, L: NodeLevel, colour: number): void {
    const cx = colour & 1;
    const cy = colour >> 1;
    const gx = groups(Math.ceil((L.shape.nx + 1 - cx) / 2), WG_2D);
    const gy = groups(Math.ceil((L.shape.ny + 1 - cy) / 2), WG_2D);
    this.kernels.smooth.dispatch(pass, L.smooth[colour], gx, gy);
  }

  private vcycle(pass: GPUComputePassEncoder, l: number): void {
    const L = this.levels[l];
    const k = this.kernels;
    if (l === this.cycleStart) {
      k.coarseCycle.dispatch(pass, this.cycleGroup, 1);
      return;
    }
    if (!L.residual || !L.restrict || !L.prolong) throw new Error('unreachable: a level above the coarse cycle has a coarser one');
    const gx = groups(L.shape.nx + 1, WG_2D);
    const gy = groups(L.shape.ny + 1, WG_2D);
    const c = this.levels[l + 1].shape;
    const chebyshev = (on: GPUComputePassEncoder) => {
      for (const group of L.chebyshev ?? []) k.chebyshev.dispatch(on, group, gx, gy);
    };
    if (L.chebyshev) chebyshev(pass);
    else for (let s = 0; s < this.options.preSweeps; s++) for (const colour of COLOURS) this.smooth(pass, L, colour);
    k.residual.dispatch(pass, L.residual, gx, gy);
    k.restrict.dispatch(pass, L.restrict, groups(c.nx + 1, WG_2D), groups(c.ny + 1, WG_2D));
    this.vcycle(pass, l + 1);
    k.prolong.dispatch(pass, L.prolong, gx, gy);
    if (L.chebyshev) chebyshev(pass);
    else for (let s = 0; s < this.options.postSweeps; s++) for (const colour of [...COLOURS].reverse()) this.smooth(pass, L, colour);
  }

  /** Its storage buffers: every level's (λ, μ) and the coarse levels' vectors (checkpoints save them). */
  stateBuffers(): GPUBuffer[] {
    return this.buffers.filter(isStorage);
  }

  destroy(): void {
    for (const b of [...this.buffers, ...this.constants]) b.destroy();
  }
}
