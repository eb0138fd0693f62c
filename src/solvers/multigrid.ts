// Geometric multigrid for a·u − ∇·(k∇u) = f on a cell-centred grid with cell-wise a, k
// (harmonic face averages), Dirichlet/Neumann/periodic sides and fixed (Dirichlet) cells.
// A cell with k = 0 (no conductance on any face) is decoupled: the smoother solves it and the
// coarse operators leave it out, as they do fixed cells (coarsen.wgsl).
// V(3,3)-cycles with red-black Gauss–Seidel; the levels of at most COARSE_CYCLE_MAX cells a side
// and the coarsest level's solve run as one dispatch of one workgroup (solvers/coarse-cycle.ts).
// Above it each level costs two dispatches a cycle, its sweeps run on tiles in workgroup memory
// (shaders/multigrid/tile.wgsl), or, with `tiled: false`, fifteen, every colour pass and transfer
// its own dispatch; the two give the same iterates bit for bit.
// The owner writes k, a, f, fixed and u (its warm start and the values of fixed cells), then
// records assemble() once per change of coefficients and vcycle() as often as it likes.
import { Kernel, groups, type Binding, type KernelOf } from '../gpu/kernel.ts';
import { isStorage, storageBuffer, storageFrom, uniformBuffer } from '../gpu/buffers.ts';
import { compose, wgsl } from '../gpu/shaders.ts';
import { packNamed, packStructArray, scalarStruct } from '../gpu/struct-layout.ts';
import { coarseCycleStart, coarsenSteps, cycleOffsets, cycleSteps, packedOffsets } from './coarse-cycle.ts';
import { buildLevels, type LevelShape } from './levels.ts';
import { WG_2D } from '../gpu/workgroup.ts';

export type BoundaryKind = 'dirichlet' | 'neumann' | 'periodic';
export interface SideCondition {
  kind: BoundaryKind;
  /** Dirichlet value, or Neumann k·∂u/∂n on the outward normal. */
  value?: number;
}
export interface BoundaryConditions {
  west: SideCondition;
  east: SideCondition;
  south: SideCondition;
  north: SideCondition;
}

export interface MultigridOptions {
  label: string;
  nx: number;
  ny: number;
  hx: number;
  hy?: number;
  bc: BoundaryConditions;
  preSweeps?: number;
  postSweeps?: number;
  /** Red-black sweeps of the coarsest level; default 4·(nx + ny) of that level. */
  coarseSweeps?: number;
  /** Levels of at most this many cells a side go into the one-dispatch coarse cycle (default COARSE_CYCLE_MAX; the coarsest always does). */
  coarseCycleMax?: number;
  /** The levels above the coarse cycle in tiles, two dispatches a level and cycle (default true; at most TILE_SWEEPS_MAX sweeps each way). */
  tiled?: boolean;
}

/** Sweeps each way a tiled level takes: its tiles carry a halo of 2·sweeps + 1 cells (HALO_MAX in tile.wgsl). */
export const TILE_SWEEPS_MAX = 3;
/** Cells a side of a tile (TILE in tile.wgsl). */
const TILE = 32;

const BC_CODE: Record<BoundaryKind, number> = { dirichlet: 0, neumann: 1, periodic: 2 };

interface LevelResources {
  shape: LevelShape;
  faces: Binding;
  cell: Binding;
  rhs: Binding;
  u: Binding;
  r: Binding;
  /** Levels above the coarse cycle only. */
  smooth?: [GPUBindGroup, GPUBindGroup];
  residual?: GPUBindGroup;
  restrict?: GPUBindGroup;
  prolong?: GPUBindGroup;
  coarsen?: GPUBindGroup;
  /** Tiled levels: the way down (pre-smoothing, residual, restriction) and up (prolongation, post-smoothing). */
  descend?: GPUBindGroup;
  ascend?: GPUBindGroup;
}

/** Each kernel's bindings, as its WGSL names them. */
const BINDINGS = {
  assemble: ['level', 'spacing', 'k', 'a', 'f', 'fixed', 'faces', 'cell', 'rhs'],
  coarsen: ['level', 'faces', 'cell', 'coarse_faces', 'coarse_cell'],
  smooth: ['level', 'faces', 'cell', 'rhs', 'u'],
  residual: ['level', 'faces', 'cell', 'rhs', 'u', 'r'],
  restrict: ['level', 'r', 'coarse_rhs', 'coarse_u'],
  prolong: ['level', 'cell', 'coarse_u', 'u'],
  coarseCycle: ['shapes', 'steps', 'offsets', 'faces', 'cell', 'rhs', 'u', 'r'],
  descend: ['level', 'params', 'faces', 'cell', 'rhs', 'u', 'tile_out', 'coarse_rhs', 'coarse_u'],
  ascend: ['level', 'params', 'faces', 'cell', 'rhs', 'u', 'coarse_u', 'tile_out'],
} as const;

/** Pipelines of the scalar multigrid, built once per device and shared by every solver. */
export class MultigridKernels {
  readonly assemble: KernelOf<typeof BINDINGS.assemble>;
  readonly coarsen: KernelOf<typeof BINDINGS.coarsen>;
  readonly smooth: KernelOf<typeof BINDINGS.smooth>;
  readonly residual: KernelOf<typeof BINDINGS.residual>;
  readonly restrict: KernelOf<typeof BINDINGS.restrict>;
  readonly prolong: KernelOf<typeof BINDINGS.prolong>;
  readonly coarseCycle: KernelOf<typeof BINDINGS.coarseCycle>;
  readonly descend: KernelOf<typeof BINDINGS.descend>;
  readonly ascend: KernelOf<typeof BINDINGS.ascend>;

  constructor(readonly device: GPUDevice) {
    const make = <K extends keyof typeof BINDINGS>(name: K, code: string) =>
      new Kernel(device, { label: `Multigrid.${name}`, code, bindings: BINDINGS[name] });
    const stencil = (body: string) => compose(wgsl.level, wgsl.mgStencilTerms, wgsl.mgStencil, wgsl.mgLevelOperator, body);
    const tile = (body: string) => compose(wgsl.level, wgsl.mgStencilTerms, wgsl.mgTile, body);
    this.assemble = make('assemble', compose(wgsl.level, wgsl.mgAssemble));
    this.coarsen = make('coarsen', compose(wgsl.level, wgsl.mgRediscretisation, wgsl.mgCoarsen));
    this.smooth = make('smooth', stencil(wgsl.mgSmooth));
    this.residual = make('residual', stencil(wgsl.mgResidual));
    this.descend = make('descend', tile(wgsl.mgTileDescend));
    this.ascend = make('ascend', tile(compose(wgsl.mgProlongation, wgsl.mgTileAscend)));
    this.restrict = make('restrict', compose(wgsl.level, wgsl.mgRestriction, wgsl.mgRestrict));
    this.prolong = make('prolong', compose(wgsl.level, wgsl.mgProlongation, wgsl.mgProlong));
    this.coarseCycle = make('coarseCycle', compose(
      wgsl.cycleSteps, wgsl.level, wgsl.mgStencilTerms, wgsl.mgStencil, wgsl.mgRestriction, wgsl.mgProlongation, wgsl.mgRediscretisation, wgsl.mgCoarseCycle,
    ));
  }
}

export class Multigrid {
  readonly levels: LevelResources[];
  /** Inputs of the finest level, written by the owner. */
  readonly k: GPUBuffer;
  readonly a: GPUBuffer;
  readonly f: GPUBuffer;
  readonly fixed: GPUBuffer;
  /** Solution (finest level); the owner sets fixed cells' values and the warm start here. */
  readonly u: GPUBuffer;
  /** Residual of the finest level after residual(). */
  readonly r: GPUBuffer;
  readonly cells: number;
  private readonly assembleGroup: GPUBindGroup;
  private readonly buffers: GPUBuffer[] = [];
  private readonly constants: GPUBuffer[] = [];
  /** Index of the first level in the coarse cycle. */
  readonly cycleStart: number;
  private readonly cycleGroup: GPUBindGroup;
  private readonly coarsenGroup?: GPUBindGroup;
  private readonly preSweeps: number;
  private readonly postSweeps: number;
  private readonly tiled: boolean;

  constructor(private readonly kernels: MultigridKernels, readonly options: MultigridOptions) {
    const device = kernels.device;
    const { label, nx, ny, hx, bc } = options;
    const hy = options.hy ?? hx;
    checkPeriodicPairs(label, bc);
    // V(3,3): with V(2,2) the asymptotic reduction of this cell-centred cycle is about 0.14 per
    // cycle; V(3,3) keeps it below 0.1 for 50 % more smoothing and fewer cycles.
    this.preSweeps = options.preSweeps ?? 3;
    this.postSweeps = options.postSweeps ?? 3;
    this.tiled = options.tiled ?? true;
    if (this.tiled && Math.max(this.preSweeps, this.postSweeps) > TILE_SWEEPS_MAX) {
      throw new RangeError(`${label}: tiled levels take at most ${TILE_SWEEPS_MAX} sweeps each way (preSweeps ${this.preSweeps}, postSweeps ${this.postSweeps}); use fewer or tiled: false`);
    }
    const shapes = buildLevels(nx, ny, hx, hy);
    this.cells = nx * ny;
    const make = (role: string, bytes: number) => {
      const b = storageBuffer(device, `${label}.${role}`, bytes);
      this.buffers.push(b);
      return b;
    };
    const n = nx * ny;
    this.k = make('k', n * 4);
    this.a = make('a', n * 4);
    this.f = make('f', n * 4);
    this.fixed = make('fixed', n * 4);

    const start = coarseCycleStart(shapes, options.coarseCycleMax);
    this.cycleStart = start;
    // The coarse cycle's levels share one buffer per role; a lone finest level is its own.
    const cycleShapes = shapes.slice(start);
    const cycle = packedOffsets(cycleShapes.map((c) => c.nx * c.ny));
    const shared = start === 0 ? undefined : {
      faces: make('faces[coarse cycle]', cycle.total * 16),
      cell: make('cell[coarse cycle]', cycle.total * 8),
      rhs: make('rhs[coarse cycle]', cycle.total * 4),
      u: make('u[coarse cycle]', cycle.total * 4),
      r: make('r[coarse cycle]', cycle.total * 4),
    };
    const levels: LevelResources[] = shapes.map((shape, l) => {
      const cells = shape.nx * shape.ny;
      if (shared && l >= start) {
        const at = (buffer: GPUBuffer, bytes: number): GPUBufferBinding => ({ buffer, offset: cycle.offsets[l - start] * bytes, size: cells * bytes });
        return { shape, faces: at(shared.faces, 16), cell: at(shared.cell, 8), rhs: at(shared.rhs, 4), u: at(shared.u, 4), r: at(shared.r, 4) };
      }
      const tag = `level ${l}`;
      return {
        shape,
        faces: make(`faces[${tag}]`, cells * 16),
        cell: make(`cell[${tag}]`, cells * 8),
        rhs: make(`rhs[${tag}]`, cells * 4),
        u: make(`u[${tag}]`, cells * 4),
        r: make(`r[${tag}]`, cells * 4),
      };
    });
    const boundary = { bc_w: BC_CODE[bc.west.kind], bc_e: BC_CODE[bc.east.kind], bc_s: BC_CODE[bc.south.kind], bc_n: BC_CODE[bc.north.kind] };
    const levelValues = (l: number, colour: number) => {
      const s = shapes[l];
      const c = shapes[l + 1] ?? s;
      return { nx: s.nx, ny: s.ny, cnx: c.nx, cny: c.ny, rx: s.rx, ry: s.ry, colour, ...boundary };
    };
    const uniform = (l: number, colour: number) => {
      const buffer = uniformBuffer(device, `${label}.level[${l}].colour${colour}`, packNamed(wgsl.level, 'Level', levelValues(l, colour)));
      this.buffers.push(buffer);
      return buffer;
    };
    const finestUniform = uniform(0, 0);
    // Every level with buffers of its own can be swept and its residual taken (the finest of a
    // single-level grid too); the transfers link the levels above the cycle.
    levels.forEach((L, l) => {
      if (l >= start && l > 0) return;
      const u0 = l === 0 ? finestUniform : uniform(l, 0);
      const u1 = uniform(l, 1);
      const tag = `level ${l}`;
      L.smooth = [
        kernels.smooth.bind(`${label} ${tag} red`, { level: u0, faces: L.faces, cell: L.cell, rhs: L.rhs, u: L.u }),
        kernels.smooth.bind(`${label} ${tag} black`, { level: u1, faces: L.faces, cell: L.cell, rhs: L.rhs, u: L.u }),
      ];
      L.residual = kernels.residual.bind(`${label} ${tag}`, { level: u0, faces: L.faces, cell: L.cell, rhs: L.rhs, u: L.u, r: L.r });
      if (l >= start) return;
      const C = levels[l + 1];
      L.restrict = kernels.restrict.bind(`${label} ${tag}`, { level: u0, r: L.r, coarse_rhs: C.rhs, coarse_u: C.u });
      L.prolong = kernels.prolong.bind(`${label} ${tag}`, { level: u0, cell: L.cell, coarse_u: C.u, u: L.u });
      L.coarsen = kernels.coarsen.bind(`${label} ${tag}`, { level: u0, faces: L.faces, cell: L.cell, coarse_faces: C.faces, coarse_cell: C.cell });
      // A tile colours cells by the parity of i + j, which wrapping an odd periodic side breaks:
      // such a level (a side of at most 15 cells) is swept level by level.
      const oddPeriodic = (bc.west.kind === 'periodic' && L.shape.nx % 2 === 1) || (bc.south.kind === 'periodic' && L.shape.ny % 2 === 1);
      if (!this.tiled || oddPeriodic) return;
      // The way down leaves the smoothed level in r (free: the tiles restrict residuals they compute).
      const passes = (sweeps: number, colour: number, halo: number) => {
        const buffer = uniformBuffer(device, `${label}.level[${l}].tile${colour}`, packNamed(wgsl.mgTile, 'TileParams', { passes: 2 * sweeps, colour, halo }));
        this.buffers.push(buffer);
        return buffer;
      };
      const level = { level: u0, faces: L.faces, cell: L.cell, rhs: L.rhs };
      L.descend = kernels.descend.bind(`${label} ${tag}`, {
        ...level, params: passes(this.preSweeps, 0, 2 * this.preSweeps + 1), u: L.u, tile_out: L.r, coarse_rhs: C.rhs, coarse_u: C.u,
      });
      L.ascend = kernels.ascend.bind(`${label} ${tag}`, { ...level, params: passes(this.postSweeps, 1, 2 * this.postSweeps), u: L.r, coarse_u: C.u, tile_out: L.u });
    });
    const coarsest = cycleShapes[cycleShapes.length - 1];
    // Written once here, so not state: kept apart from the buffers a checkpoint saves.
    const levelBuffer = storageFrom(device, `${label}.coarseCycle.shapes`, packStructArray(scalarStruct(wgsl.level, 'Level'), cycleShapes.map((_, k) => levelValues(start + k, 0))));
    const offsets = storageFrom(device, `${label}.coarseCycle.offsets`, cycleOffsets(cycle.offsets));
    const stepBuffer = storageFrom(device, `${label}.coarseCycle.steps`, cycleSteps(cycleShapes.length, {
      preSweeps: this.preSweeps, postSweeps: this.postSweeps, colours: [0, 1],
      coarsestColours: [0, 1], coarsestSweeps: options.coarseSweeps ?? 4 * (coarsest.nx + coarsest.ny),
    }));
    this.constants.push(levelBuffer, stepBuffer, offsets);
    const top = levels[start];
    const cycleBuffers = { shapes: levelBuffer, offsets, ...(shared ?? { faces: top.faces, cell: top.cell, rhs: top.rhs, u: top.u, r: top.r }) };
    this.cycleGroup = kernels.coarseCycle.bind(`${label} coarse cycle`, { ...cycleBuffers, steps: stepBuffer });
    if (cycleShapes.length > 1) {
      const coarsening = storageFrom(device, `${label}.coarseCycle.coarsen`, coarsenSteps(cycleShapes.length));
      this.constants.push(coarsening);
      this.coarsenGroup = kernels.coarseCycle.bind(`${label} coarse cycle coarsening`, { ...cycleBuffers, steps: coarsening });
    }
    this.levels = levels;
    this.u = levels[0].u as GPUBuffer;
    this.r = levels[0].r as GPUBuffer;
    const spacing = uniformBuffer(device, `${label}.spacing`, packNamed(wgsl.mgAssemble, 'Spacing', {
      hx, hy, g_w: bc.west.value ?? 0, g_e: bc.east.value ?? 0, g_s: bc.south.value ?? 0, g_n: bc.north.value ?? 0,
    }));
    this.buffers.push(spacing);
    const L0 = levels[0];
    this.assembleGroup = kernels.assemble.bind(`${label}`, {
      level: finestUniform, spacing, k: this.k, a: this.a, f: this.f, fixed: this.fixed, faces: L0.faces, cell: L0.cell, rhs: L0.rhs,
    });
  }

  get levelCount(): number {
    return this.levels.length;
  }

  /** Builds the finest-level operator from k, a, f, fixed and every coarse operator from it. */
  assemble(pass: GPUComputePassEncoder): void {
    const s = this.levels[0].shape;
    this.kernels.assemble.dispatch(pass, this.assembleGroup, groups(s.nx, WG_2D), groups(s.ny, WG_2D));
    this.levels.forEach((L, l) => {
      if (!L.coarsen) return;
      const next = this.levels[l + 1].shape;
      this.kernels.coarsen.dispatch(pass, L.coarsen, groups(next.nx, WG_2D), groups(next.ny, WG_2D));
    });
    if (this.coarsenGroup) this.kernels.coarseCycle.dispatch(pass, this.coarsenGroup, 1);
  }

  vcycle(pass: GPUComputePassEncoder, level = 0): void {
    const L = this.levels[level];
    const k = this.kernels;
    const { nx, ny } = L.shape;
    if (level === this.cycleStart) {
      k.coarseCycle.dispatch(pass, this.cycleGroup, 1);
      return;
    }
    if (L.descend && L.ascend) {
      const tiles = [groups(nx, TILE), groups(ny, TILE)] as const;
      k.descend.dispatch(pass, L.descend, ...tiles);
      this.vcycle(pass, level + 1);
      k.ascend.dispatch(pass, L.ascend, ...tiles);
      return;
    }
    if (!L.residual || !L.restrict || !L.prolong) throw new Error('unreachable: a level above the coarse cycle has a coarser one');
    for (let s = 0; s < this.preSweeps; s++) this.sweep(pass, level);
    k.residual.dispatch(pass, L.residual, groups(nx, WG_2D), groups(ny, WG_2D));
    const next = this.levels[level + 1].shape;
    k.restrict.dispatch(pass, L.restrict, groups(next.nx, WG_2D), groups(next.ny, WG_2D));
    this.vcycle(pass, level + 1);
    k.prolong.dispatch(pass, L.prolong, groups(nx, WG_2D), groups(ny, WG_2D));
    for (let s = 0; s < this.postSweeps; s++) this.sweep(pass, level, true);
  }

  /** One red-black Gauss–Seidel sweep of `level` (above the coarse cycle); black first when `reverse` (post-smoothing, symmetric V-cycle). */
  sweep(pass: GPUComputePassEncoder, level = 0, reverse = false): void {
    const L = this.levels[level];
    if (!L.smooth) throw new Error(`${this.options.label}: level ${level} is swept inside the coarse cycle only`);
    const half = groups(Math.ceil(L.shape.nx / 2), WG_2D), rows = groups(L.shape.ny, WG_2D);
    const [first, second] = reverse ? [L.smooth[1], L.smooth[0]] : L.smooth;
    this.kernels.smooth.dispatch(pass, first, half, rows);
    this.kernels.smooth.dispatch(pass, second, half, rows);
  }

  /** r = rhs − A u on the finest level. */
  residual(pass: GPUComputePassEncoder): void {
    const L = this.levels[0];
    if (!L.residual) throw new Error('unreachable: the finest level always has its residual kernel');
    this.kernels.residual.dispatch(pass, L.residual, groups(L.shape.nx, WG_2D), groups(L.shape.ny, WG_2D));
  }

  /** Right-hand side of the finest level with boundary data folded in (valid after assemble). */
  get rhs(): GPUBuffer {
    return this.levels[0].rhs as GPUBuffer;
  }

  /** Its storage buffers, coarse levels included (checkpoints save them). */
  stateBuffers(): GPUBuffer[] {
    return this.buffers.filter(isStorage);
  }

  destroy(): void {
    for (const b of [...this.buffers, ...this.constants]) b.destroy();
  }
}

function checkPeriodicPairs(label: string, bc: BoundaryConditions): void {
  const pairs: Array<[keyof BoundaryConditions, keyof BoundaryConditions]> = [['west', 'east'], ['south', 'north']];
  for (const [a, b] of pairs) {
    if ((bc[a].kind === 'periodic') !== (bc[b].kind === 'periodic')) {
      throw new Error(`${label}: boundary ${a} is ${bc[a].kind} but ${b} is ${bc[b].kind}; periodic sides come in pairs`);
    }
  }
}
