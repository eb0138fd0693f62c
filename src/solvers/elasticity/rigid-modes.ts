// The rigid-body modes of a body with no fixed node: the null space of K. Traction-free solves
// keep the solution, the residual and every search direction orthogonal to them, so CG works on
// the space where K is positive definite; the answer is the solution with no mean translation and
// no mean rotation about the grid centre. Stresses do not depend on this choice (rigid modes
// carry no strain).
import { isStorage, storageFrom, uniformBuffer } from '../../gpu/buffers.ts';
import { Dot } from '../../gpu/dot.ts';
import { linearGroups } from '../../gpu/kernel.ts';
import { packStruct, slotOf } from '../../gpu/struct-layout.ts';
import { WG_1D } from '../../gpu/workgroup.ts';
import type { ElasticityKernels } from './kernels.ts';

/** Orthonormal x-translation, y-translation and rotation (−y, x) about the grid centre, per node. */
export function rigidModes(nx: number, ny: number): [Float32Array, Float32Array, Float32Array] {
  const nodes = (nx + 1) * (ny + 1);
  const tx = new Float32Array(2 * nodes);
  const ty = new Float32Array(2 * nodes);
  const rot = new Float64Array(2 * nodes);
  let norm = 0;
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const n = j * (nx + 1) + i;
      const x = i - nx / 2;
      const y = j - ny / 2;
      rot[2 * n] = -y;
      rot[2 * n + 1] = x;
      norm += x * x + y * y;
    }
  }
  const t = 1 / Math.sqrt(nodes);
  for (let n = 0; n < nodes; n++) {
    tx[2 * n] = t;
    ty[2 * n + 1] = t;
  }
  return [tx, ty, Float32Array.from(rot, (v) => v / Math.sqrt(norm))];
}

interface Projection {
  dots: Dot[];
  group: GPUBindGroup;
}

export class RigidModes {
  private readonly buffers: GPUBuffer[] = [];
  private readonly projections = new Map<GPUBuffer, Projection>();
  private readonly nodes: number;

  /** Builds the projection of each of `vectors` once; their coefficients go to `scalars`. */
  constructor(private readonly kernels: ElasticityKernels, label: string, nx: number, ny: number, scalars: GPUBuffer, vectors: GPUBuffer[]) {
    const device = kernels.device;
    this.nodes = (nx + 1) * (ny + 1);
    const modes = rigidModes(nx, ny).map((m, k) => storageFrom(device, `${label}.mode[${k}]`, m));
    const count = uniformBuffer(device, `${label}.count`, packStruct(kernels.vectorLayout, { count: this.nodes }));
    this.buffers.push(...modes, count);
    const slots = ['mode_x', 'mode_y', 'mode_rot'].map((f) => slotOf(kernels.scalarsLayout, f));
    for (const v of vectors) {
      const dots = modes.map((m, k) => new Dot(kernels.dots, `${label}.${v.label}·mode[${k}]`, v, m, 2 * this.nodes, scalars, slots[k]));
      const group = kernels.rigid.bind(`${label} ${v.label}`, { params: count, s: scalars, m_x: modes[0], m_y: modes[1], m_rot: modes[2], x: v });
      this.projections.set(v, { dots, group });
    }
  }

  /** x ← x − Σ (x·m_k) m_k, for one of the vectors given at construction. */
  project(pass: GPUComputePassEncoder, x: GPUBuffer): void {
    const p = this.projections.get(x);
    if (!p) throw new Error(`RigidModes: no projection was built for ${x.label}`);
    for (const d of p.dots) d.encode(pass);
    this.kernels.rigid.dispatch(pass, p.group, ...linearGroups(this.nodes, WG_1D));
  }

  /** Its storage buffers: the modes and the dot products' partials (checkpoints save them). */
  stateBuffers(): GPUBuffer[] {
    return [...this.buffers.filter(isStorage), ...[...this.projections.values()].flatMap((p) => p.dots.map((d) => d.partials))];
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
    for (const p of this.projections.values()) for (const d of p.dots) d.destroy();
  }
}
