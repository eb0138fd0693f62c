// The selected field's colour range, computed on the GPU every frame (shaders/render/range.wgsl)
// into a small buffer that the field shader reads directly, so the picture is never scaled by a
// stale range; a copy comes back through a ReadbackRing for the legend, a frame or two late and
// never awaited while drawing.
import type { ColorMapName } from '../../io/colormap.ts';
import { storageBuffer } from '../../gpu/buffers.ts';
import { Kernel, type KernelOf } from '../../gpu/kernel.ts';
import { ReadbackRing } from '../../gpu/readback-ring.ts';
import { compose, renderWgsl } from '../../gpu/shaders.ts';
import { scalarStruct, unpackStruct } from '../../gpu/struct-layout.ts';
import type { FieldSource } from '../../sim/field-registry.ts';

/** What a drawn frame used: the displayed range [lo, hi] and what the data held. */
export interface DisplayRange {
  field: string;
  map: ColorMapName;
  lo: number;
  hi: number;
  /** Whether [lo, hi] was set by hand rather than found in the data. */
  fixed: boolean;
  /** Extremes of the finite values; undefined when there were none. */
  dataMin?: number;
  dataMax?: number;
  finite: number;
  /** NaN and ±Inf values: the app should warn when this is not 0. */
  nonFinite: number;
}

type Tag = Pick<DisplayRange, 'field' | 'map' | 'fixed'>;

/** Readbacks in flight at most: the legend needs the latest range, not every frame's. */
const IN_FLIGHT = 2;
const BINDINGS = ['field_params', 'field', 'range'] as const;

export class FieldRangeKernel {
  /** One FieldRange (field-value.wgsl), written each frame, read by the field shader. */
  readonly buffer: GPUBuffer;
  latest: DisplayRange | undefined;
  private readonly kernel: KernelOf<typeof BINDINGS>;
  private readonly groups: GPUBindGroup[];
  private readonly ring: ReadbackRing<Tag>;

  constructor(device: GPUDevice, params: GPUBuffer, sources: readonly FieldSource[]) {
    const layout = scalarStruct(renderWgsl.fieldValue, 'FieldRange');
    this.buffer = storageBuffer(device, 'View.range', layout.size);
    this.kernel = new Kernel(device, {
      label: 'View.range', code: compose(renderWgsl.fieldValue, renderWgsl.range),
      bindings: BINDINGS,
    });
    this.groups = sources.map((s) => this.kernel.bind(s.name, { field_params: params, field: s.buffer, range: this.buffer }));
    this.ring = new ReadbackRing<Tag>(device, 'View.range', layout.size, (data, tag) => {
      const r = unpackStruct(layout, data);
      const some = r.finite > 0;
      this.latest = {
        ...tag, lo: r.lo, hi: r.hi, finite: r.finite, nonFinite: r.non_finite,
        dataMin: some ? r.data_min : undefined, dataMax: some ? r.data_max : undefined,
      };
    }, IN_FLIGHT);
  }

  /** Computes the range of field `index` (its parameters already written) and maybe copies it out. */
  encode(encoder: GPUCommandEncoder, index: number, tag: Tag): void {
    const pass = encoder.beginComputePass({ label: 'View.range' });
    this.kernel.dispatch(pass, this.groups[index], 1);
    pass.end();
    if (this.ring.pending < IN_FLIGHT) this.ring.record(encoder, this.buffer, tag);
  }

  /** Call after submitting the encoder given to encode(). */
  submitted(): void {
    this.ring.submitted();
  }

  /** Resolves when every range copied out so far has arrived (tests, exports). */
  settled(): Promise<void> {
    return this.ring.drain();
  }

  destroy(): void {
    this.ring.destroy();
    this.buffer.destroy();
  }
}
