// Plane-strain linear elasticity with growth eigenstrain on the grid (docs/references.md, V1):
//   −∇·σ = 0,  σ = λ tr(ε − ε*) I + 2μ (ε − ε*),  ε* = ε* (e_x e_x + e_y e_y) + κ ε* e_z e_z,
// discretised with Q1 elements (one per grid cell, own E, ν, ε*), displacement (µm) at the
// (nx+1)×(ny+1) nodes, and solved by conjugate gradients preconditioned with one multigrid V-cycle.
// Units: lengths µm, moduli and stresses kPa.
// The owner writes E, nu, eigenstrain (and fixed / prescribed when it wants), records assemble()
// after a change of material, solve() as often as it likes (u is the warm start), then stress().
import { groups } from '../../gpu/kernel.ts';
import { storageBuffer, storageFrom } from '../../gpu/buffers.ts';
import { boundaryFlags, boundaryNodeCount } from './boundary.ts';
import { WG_1D, WG_2D } from '../../gpu/workgroup.ts';
import type { ElasticityKernels } from './kernels.ts';
import { CHEBYSHEV_STEPS } from './chebyshev.ts';
import { NodeMultigrid } from './node-multigrid.ts';
import { Pcg, type PcgOperator } from './pcg.ts';
import { RigidModes } from './rigid-modes.ts';

export type ElasticBoundary = 'clamped' | 'traction-free' | 'prescribed';

export interface ElasticityOptions {
  label: string;
  /** Elements (grid cells) along x and y; each must coarsen as buildLevels() requires. */
  nx: number;
  ny: number;
  /** Element side, µm. */
  h: number;
  /**
   * Outer boundary: 'clamped' (u = 0), 'prescribed' (u = the `prescribed` buffer) or
   * 'traction-free' (its rigid-body modes are projected out; see rigid-modes.ts).
   */
  boundary: ElasticBoundary;
  /** Out-of-plane growth fraction, ε*_zz = κ ε*; 0 (default): purely in-plane growth. */
  kappa?: number;
  /**
   * Smoother of the multigrid levels above the coarse cycle (default 'chebyshev': 4 steps on
   * D⁻¹K before and after, 7 PCG iterations to 1e-6 on 64²–256² with a 10:1 inclusion;
   * chebyshev.ts), or 'gauss-seidel'.
   */
  smoother?: 'chebyshev' | 'gauss-seidel';
  /**
   * Gauss–Seidel sweeps (of all four colours) before and after each coarse correction, in the
   * coarse cycle and with the 'gauss-seidel' smoother (default: 2 and 2 with 'gauss-seidel', 8–9
   * PCG iterations to 1e-6 as above, against 13 for V(1,1) and 7 for V(3,3) at about the same
   * time to solution; 4 and 4 under 'chebyshev'), and symmetric sweeps on the coarsest level
   * (default 2·(nx + ny) of that level).
   */
  preSweeps?: number;
  postSweeps?: number;
  coarseSweeps?: number;
  /**
   * Levels of at most this many elements a side run as one dispatch (coarse-cycle.ts; default
   * COARSE_CYCLE_MAX). The same preconditioner at any value; it sets only how it is dispatched.
   */
  coarseCycleMax?: number;
  /** Entries of the residual history (one per recorded iteration, plus one). */
  historyCapacity?: number;
  /**
   * Stop each solve once ‖r‖ ≤ tolerance·‖f‖ (f: the eigenstrain load), on the GPU; solve()'s
   * count is then the most iterations. Without it every recorded iteration runs.
   */
  tolerance?: number;
}

export class Elasticity {
  readonly nodes: number;
  readonly elements: number;
  /** Per element, written by the owner: Young's modulus (kPa), Poisson ratio, in-plane eigenstrain. */
  readonly E: GPUBuffer;
  readonly nu: GPUBuffer;
  readonly eigenstrain: GPUBuffer;
  /**
   * Per node u32, 1 = Dirichlet node (its displacement is whatever u holds there). Boundary nodes
   * start fixed for 'clamped' and 'prescribed'; the owner may fix more (then assemble() again).
   * With 'traction-free' no node may be fixed: the rigid modes are projected out as for a free body.
   */
  readonly fixed: GPUBuffer;
  /** 'prescribed' only: vec2 per boundary node (µm), in the order of boundary.ts; copied into u by every solve. */
  readonly prescribed?: GPUBuffer;
  /** Displacement (µm), vec2 per node: the warm start of a solve and its result. */
  readonly u: GPUBuffer;
  /** Eigenstrain load, vec2 per node (kPa·µm), built by assemble(). */
  readonly load: GPUBuffer;
  /** Per element outputs (kPa): stress components, compressive mean stress, 2D von Mises. */
  readonly sxx: GPUBuffer;
  readonly syy: GPUBuffer;
  readonly sxy: GPUBuffer;
  readonly szz: GPUBuffer;
  readonly pressure: GPUBuffer;
  readonly vonMises: GPUBuffer;
  /** Per element: |u| at the element centre (µm). */
  readonly displacement: GPUBuffer;
  readonly mg: NodeMultigrid;
  readonly pcg: Pcg;
  private readonly rigid?: RigidModes;
  private readonly operator: PcgOperator;
  private readonly buffers: GPUBuffer[] = [];
  private readonly bound: Record<'assemble' | 'residual' | 'apply' | 'stress' | 'measures', GPUBindGroup> & { impose?: GPUBindGroup };

  constructor(private readonly kernels: ElasticityKernels, readonly options: ElasticityOptions) {
    const device = kernels.device;
    const { label, nx, ny, h, boundary } = options;
    this.nodes = (nx + 1) * (ny + 1);
    this.elements = nx * ny;
    const make = (role: string, bytes: number) => {
      const b = storageBuffer(device, `${label}.${role}`, bytes);
      this.buffers.push(b);
      return b;
    };
    const perElement = (role: string) => make(role, this.elements * 4);
    this.E = perElement('E');
    this.nu = perElement('nu');
    this.eigenstrain = perElement('eigenstrain');
    [this.sxx, this.syy, this.sxy, this.szz] = ['sxx', 'syy', 'sxy', 'szz'].map(perElement);
    this.pressure = perElement('pressure');
    this.vonMises = perElement('vonMises');
    this.displacement = perElement('displacement');
    this.u = make('u', this.nodes * 8);
    this.load = make('load', this.nodes * 8);
    const edge = boundary === 'traction-free' ? new Uint32Array(this.nodes) : boundaryFlags(nx, ny);
    this.fixed = storageFrom(device, `${label}.fixed`, edge);
    this.buffers.push(this.fixed);
    this.pcg = new Pcg(kernels, `${label}.pcg`, this.nodes, this.u, this.load, options.historyCapacity ?? 256, options.tolerance);
    // Below Chebyshev levels the coarse cycle sweeps as often as they step: with 2 sweeps there
    // the 128² default's 14 days take 274 CG iterations, with 4 241 (Gauss–Seidel V(2,2): 240).
    const smoother = options.smoother ?? 'chebyshev';
    const sweeps = smoother === 'chebyshev' ? CHEBYSHEV_STEPS : 2;
    this.mg = new NodeMultigrid(kernels, {
      label: `${label}.mg`, nx, ny, h, kappa: options.kappa ?? 0, fixed: this.fixed, rhs: this.pcg.r, x: this.pcg.z,
      preSweeps: options.preSweeps ?? sweeps, postSweeps: options.postSweeps ?? sweeps, coarseSweeps: options.coarseSweeps, coarseCycleMax: options.coarseCycleMax, smoother,
    });
    const level = this.mg.uniform;
    const lame = this.mg.lame;
    this.bound = {
      assemble: kernels.assemble.bind(label, { level, E: this.E, nu: this.nu, eigenstrain: this.eigenstrain, lame, load: this.load }),
      residual: kernels.residual.bind(label, { level, lame, fixed: this.fixed, rhs: this.load, u: this.u, out: this.pcg.r }),
      apply: kernels.apply.bind(label, { level, lame, fixed: this.fixed, rhs: this.load, u: this.pcg.p, out: this.pcg.q }),
      stress: kernels.stress.bind(label, { level, lame, eigenstrain: this.eigenstrain, u: this.u, sxx: this.sxx, syy: this.syy, sxy: this.sxy, szz: this.szz }),
      measures: kernels.measures.bind(label, {
        level, sxx: this.sxx, syy: this.syy, sxy: this.sxy, u: this.u, pressure: this.pressure, von_mises: this.vonMises, displacement: this.displacement,
      }),
    };
    if (boundary === 'traction-free') {
      this.rigid = new RigidModes(kernels, `${label}.rigid`, nx, ny, this.pcg.scalars, [this.u, this.pcg.r, this.pcg.z]);
    } else {
      // A clamped boundary is a prescribed one whose values stay zero.
      const values = make(boundary === 'prescribed' ? 'prescribed' : 'clampedValues', boundaryNodeCount(nx, ny) * 8);
      if (boundary === 'prescribed') this.prescribed = values;
      this.bound.impose = kernels.impose.bind(label, { level, prescribed: values, u: this.u });
    }
    const nodeGroups: [number, number] = [groups(nx + 1, WG_2D), groups(ny + 1, WG_2D)];
    const rigid = this.rigid;
    this.operator = {
      residual: (p) => kernels.residual.dispatch(p, this.bound.residual, ...nodeGroups),
      apply: (p) => kernels.apply.dispatch(p, this.bound.apply, ...nodeGroups),
      precondition: (p) => this.mg.precondition(p),
      project: rigid ? (p, x) => rigid.project(p, x) : undefined,
    };
  }

  /** λ, μ and the eigenstrain load from E, ν, ε*; then every coarse level. */
  assemble(pass: GPUComputePassEncoder): void {
    const { nx, ny } = this.options;
    this.kernels.assemble.dispatch(pass, this.bound.assemble, groups(nx + 1, WG_2D), groups(ny + 1, WG_2D));
    this.mg.coarsen(pass);
  }

  /**
   * Records `iterations` MG-preconditioned CG iterations from the displacement in u (with a
   * tolerance, at most that many). With `history`, ‖r‖² before and after each iteration done goes
   * to pcg.history (see readHistory()).
   */
  solve(pass: GPUComputePassEncoder, iterations: number, options: { history?: boolean } = {}): void {
    const { nx, ny } = this.options;
    if (this.bound.impose) this.kernels.impose.dispatch(pass, this.bound.impose, groups(boundaryNodeCount(nx, ny), WG_1D));
    this.rigid?.project(pass, this.u);
    this.pcg.record(pass, this.operator, iterations, options.history ?? false);
  }

  /** Stress components, compressive mean stress, von Mises and |u| per element from u. */
  stress(pass: GPUComputePassEncoder): void {
    const { nx, ny } = this.options;
    this.kernels.stress.dispatch(pass, this.bound.stress, groups(nx, WG_2D), groups(ny, WG_2D));
    this.kernels.measures.dispatch(pass, this.bound.measures, groups(nx, WG_2D), groups(ny, WG_2D));
  }

  /** ‖r‖₂ before and after each iteration of the last solve recorded with history (reads back). */
  readHistory(): Promise<number[]> {
    return this.pcg.readHistory();
  }

  /** Every storage buffer of the solver, its CG and multigrid included (checkpoints save them). */
  stateBuffers(): GPUBuffer[] {
    return [...this.buffers, ...this.pcg.stateBuffers(), ...this.mg.stateBuffers(), ...(this.rigid?.stateBuffers() ?? [])];
  }

  destroy(): void {
    this.mg.destroy();
    this.pcg.destroy();
    this.rigid?.destroy();
    for (const b of this.buffers) b.destroy();
  }
}
