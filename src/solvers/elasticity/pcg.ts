// Preconditioned conjugate gradients recorded into a compute pass: a fixed number of iterations,
// or with a tolerance at most that many, stopped on the GPU once ‖r‖ ≤ τ‖f‖ (gpu/gate.ts); every
// scalar (r·z, p·Kp, α, β) kept on the GPU, ‖r‖² optionally appended to a history buffer that is
// read back once after the solve.
import { isStorage, readBuffer, storageBuffer, uniformBuffer } from '../../gpu/buffers.ts';
import { Dot } from '../../gpu/dot.ts';
import { linearGroups } from '../../gpu/kernel.ts';
import { packStruct, slotOf } from '../../gpu/struct-layout.ts';
import { Gate } from '../../gpu/gate.ts';
import { WG_1D } from '../../gpu/workgroup.ts';
import type { ElasticityKernels } from './kernels.ts';

export interface PcgOperator {
  /** r = b − K u (zero on fixed nodes). */
  residual(pass: GPUComputePassEncoder): void;
  /** q = K p (zero on fixed nodes). */
  apply(pass: GPUComputePassEncoder): void;
  /** z = M r. */
  precondition(pass: GPUComputePassEncoder): void;
  /** Removes the null space of K from a vector, when K has one. */
  project?(pass: GPUComputePassEncoder, x: GPUBuffer): void;
}

export class Pcg {
  /** Residual, preconditioned residual, search direction and K·direction (vec2 per node). */
  readonly r: GPUBuffer;
  readonly z: GPUBuffer;
  readonly p: GPUBuffer;
  readonly q: GPUBuffer;
  /** The CgScalars struct of shaders/mechanics/cg-state.wgsl. */
  readonly scalars: GPUBuffer;
  /** (cursor: u32, ‖r‖² per recorded iteration: f32…). */
  readonly history: GPUBuffer;
  private readonly buffers: GPUBuffer[] = [];
  private readonly groups: Record<'alpha' | 'beta' | 'restart' | 'record' | 'rewind' | 'solution' | 'direction', GPUBindGroup>;
  private readonly dots: Record<'rz' | 'rzNext' | 'pKp' | 'rr', Dot>;
  /** With a tolerance: the gate that stops the iteration once ‖r‖ ≤ τ‖f‖, and f·f for it. */
  readonly gate?: Gate;
  private readonly loadNorm?: Dot;

  /**
   * Solves K u = f for the u and f given (f: the load, whose norm scales the tolerance).
   * `tolerance`: stop once ‖r‖ ≤ tolerance·‖f‖; without it every recorded iteration runs.
   */
  constructor(private readonly kernels: ElasticityKernels, label: string, private readonly nodes: number, u: GPUBuffer, f: GPUBuffer, readonly capacity: number, tolerance?: number) {
    const device = kernels.device;
    const make = (role: string, bytes: number) => {
      const b = storageBuffer(device, `${label}.${role}`, bytes);
      this.buffers.push(b);
      return b;
    };
    this.r = make('r', nodes * 8);
    this.z = make('z', nodes * 8);
    this.p = make('p', nodes * 8);
    this.q = make('q', nodes * 8);
    this.scalars = make('scalars', kernels.scalarsLayout.size);
    this.history = make('history', 4 * (capacity + 1));
    const count = uniformBuffer(device, `${label}.count`, packStruct(kernels.vectorLayout, { count: nodes }));
    const historyParams = uniformBuffer(device, `${label}.historyParams`, packStruct(kernels.historyLayout, { capacity }));
    this.buffers.push(count, historyParams);
    const scalarBuffers = { params: historyParams, s: this.scalars, history: this.history };
    this.groups = {
      alpha: kernels.alpha.bind(label, scalarBuffers),
      beta: kernels.beta.bind(label, scalarBuffers),
      restart: kernels.restart.bind(label, scalarBuffers),
      record: kernels.record.bind(label, scalarBuffers),
      rewind: kernels.rewind.bind(label, scalarBuffers),
      solution: kernels.solution.bind(label, { params: count, s: this.scalars, p: this.p, q: this.q, u, r: this.r }),
      direction: kernels.direction.bind(label, { params: count, s: this.scalars, z: this.z, p: this.p }),
    };
    const slot = (field: string) => slotOf(kernels.scalarsLayout, field);
    const n = 2 * nodes;
    this.dots = {
      rz: new Dot(kernels.dots, `${label}.r·z`, this.r, this.z, n, this.scalars, slot('rz')),
      rzNext: new Dot(kernels.dots, `${label}.r·z next`, this.r, this.z, n, this.scalars, slot('rz_next')),
      pKp: new Dot(kernels.dots, `${label}.p·Kp`, this.p, this.q, n, this.scalars, slot('p_kp')),
      rr: new Dot(kernels.dots, `${label}.r·r`, this.r, this.r, n, this.scalars, slot('rr')),
    };
    if (tolerance !== undefined) {
      const slots = { rr: slot('rr'), ff: slot('ff'), open: slot('open'), count: slot('iterations'), counts: false };
      this.gate = new Gate(kernels.gates, `${label}.gate`, this.scalars, slots, tolerance);
      this.loadNorm = new Dot(kernels.dots, `${label}.f·f`, f, f, n, this.scalars, slot('ff'));
    }
  }

  /**
   * Records `iterations` PCG iterations from the solution already in u (with a tolerance: at
   * most that many, the rest shut by the gate). With `history`, ‖r‖² before the first and after
   * every iteration done goes to the history buffer (up to iterations + 1 entries).
   */
  record(pass: GPUComputePassEncoder, op: PcgOperator, iterations: number, history: boolean): void {
    const k = this.kernels;
    const g = this.groups;
    const gate = this.gate;
    const vectorGroups = linearGroups(this.nodes, WG_1D);
    if (history && iterations + 1 > this.capacity) {
      throw new RangeError(`PCG history holds ${this.capacity} entries; ${iterations} iterations need ${iterations + 1}`);
    }
    // ‖r‖² for the gate and the history; both see the same value.
    const measure = (on: GPUComputePassEncoder) => {
      if (!gate && !history) return;
      this.dots.rr.encode(on);
      if (history) k.record.dispatch(on, g.record, 1);
      gate?.check(pass);
    };
    op.residual(pass);
    op.project?.(pass, this.r);
    if (history) k.rewind.dispatch(pass, g.rewind, 1);
    if (gate) {
      this.loadNorm?.encode(pass);
      gate.open(pass);
    }
    measure(pass);
    if (iterations === 0) return;
    const run = gate ? gate.gated(pass) : pass;
    op.precondition(run);
    op.project?.(run, this.z);
    this.dots.rz.encode(run);
    k.restart.dispatch(run, g.restart, 1);
    k.direction.dispatch(run, g.direction, ...vectorGroups);
    for (let it = 1; it <= iterations; it++) {
      op.apply(run);
      this.dots.pKp.encode(run);
      k.alpha.dispatch(run, g.alpha, 1);
      k.solution.dispatch(run, g.solution, ...vectorGroups);
      measure(run);
      if (it === iterations) break;
      op.precondition(run);
      op.project?.(run, this.z);
      this.dots.rzNext.encode(run);
      k.beta.dispatch(run, g.beta, 1);
      k.direction.dispatch(run, g.direction, ...vectorGroups);
    }
  }

  /** ‖r‖₂ as recorded by the last solve with history (reads back; for tests and verification). */
  async readHistory(): Promise<number[]> {
    const data = await readBuffer(this.kernels.device, this.history);
    const cursor = new Uint32Array(data, 0, 1)[0];
    return Array.from(new Float32Array(data, 4, cursor), (rr) => Math.sqrt(Math.max(rr, 0)));
  }

  /** Its storage buffers: vectors, scalars, history and the dot products' partials (checkpoints save them). */
  stateBuffers(): GPUBuffer[] {
    const dots = this.loadNorm ? [...Object.values(this.dots), this.loadNorm] : Object.values(this.dots);
    return [...this.buffers.filter(isStorage), ...dots.map((d) => d.partials)];
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
    for (const d of Object.values(this.dots)) d.destroy();
    this.loadNorm?.destroy();
    this.gate?.destroy();
  }
}
