// The field layer: which field is shown, with which colour map and range, and the pipeline that
// paints the grid with it (shaders/render/field.wgsl). Bind groups for every field are built
// once; a frame writes one small uniform and picks a bind group.
import { COLOR_MAP_NAMES, colorMapTable, NAN_RGB, type ColorMapName } from '../../io/colormap.ts';
import { storageFrom, structUniform } from '../../gpu/buffers.ts';
import { compose, renderWgsl } from '../../gpu/shaders.ts';
import { packNamed, scalarStruct } from '../../gpu/struct-layout.ts';
import { fieldSources, type FieldSource } from '../../sim/field-registry.ts';
import type { Simulation } from '../../sim/simulation.ts';
import { FieldRangeKernel } from './field-range.ts';
import { packRgba } from './palette.ts';
import { bindBuffers, bindLayout, renderPipeline } from './render-kit.ts';

export interface FieldInfo {
  name: string;
  unit: string;
  /** The map the field is drawn with unless setColorMap says otherwise. */
  map: ColorMapName;
}

export class FieldLayer {
  readonly fields: readonly FieldInfo[];
  readonly range: FieldRangeKernel;
  private index = 0;
  /** A colour map chosen by hand (null: each field's own). */
  mapOverride: ColorMapName | null = null;
  /** A range set by hand (undefined: found in the data every frame). */
  fixed: readonly [number, number] | undefined;
  private readonly device: GPUDevice;
  private readonly sources: FieldSource[];
  private readonly params: GPUBuffer;
  private readonly colormaps: GPUBuffer;
  private readonly pipeline: GPURenderPipeline;
  private readonly groups: GPUBindGroup[];
  private readonly grid: { nx: number; ny: number };

  constructor(device: GPUDevice, format: GPUTextureFormat, sim: Simulation, viewParams: GPUBuffer) {
    this.device = device;
    this.grid = { nx: sim.world.nx, ny: sim.world.ny };
    this.sources = fieldSources(sim);
    this.fields = this.sources.map(({ name, unit, map }) => ({ name, unit, map }));
    this.params = structUniform(device, 'View.fieldParams', scalarStruct(renderWgsl.fieldValue, 'FieldParams'));
    this.range = new FieldRangeKernel(device, this.params, this.sources);
    // The three tables, one after another, in COLOR_MAP_NAMES order, as packed RGBA8.
    const tables = new Uint32Array(256 * COLOR_MAP_NAMES.length);
    COLOR_MAP_NAMES.forEach((name, m) => {
      const t = colorMapTable(name);
      for (let k = 0; k < 256; k++) tables[256 * m + k] = packRgba([t[3 * k], t[3 * k + 1], t[3 * k + 2]]);
    });
    this.colormaps = storageFrom(device, 'View.colormaps', tables);
    const code = compose(renderWgsl.view, renderWgsl.fieldValue, renderWgsl.field);
    const layout = bindLayout(device, 'View.field', code, {
      view_params: 'both', field_params: 'fragment', field: 'fragment', range: 'fragment', colormaps: 'fragment',
    });
    this.pipeline = renderPipeline(device, {
      label: 'View.field', code,
      layout, format, vertex: 'vs_field', fragment: 'fs_field',
    });
    this.groups = this.sources.map((s) => bindBuffers(device, `View.field[${s.name}]`, layout, {
      view_params: viewParams, field_params: this.params, field: s.buffer, range: this.range.buffer, colormaps: this.colormaps,
    }));
  }

  select(name: string): void {
    const index = this.sources.findIndex((s) => s.name === name);
    if (index < 0) throw new Error(`TissueView: no field '${name}'; fields: ${this.fields.map((f) => f.name).join(', ')}`);
    this.index = index;
  }

  /** Undefined only when every physics is off and there is no field at all. */
  get current(): FieldInfo | undefined {
    return this.fields[this.index];
  }

  get map(): ColorMapName {
    return this.mapOverride ?? this.current?.map ?? 'viridis';
  }

  /** This frame's parameters, then the range of the field on the GPU. */
  encodeRange(encoder: GPUCommandEncoder): void {
    const s = this.sources[this.index];
    if (!s) return;
    const cell = s.layout.kind === 'cell' ? s.layout : undefined;
    this.device.queue.writeBuffer(this.params, 0, packNamed(renderWgsl.fieldValue, 'FieldParams', {
      nx: this.grid.nx, ny: this.grid.ny,
      stride: cell?.stride ?? 0, offset: cell?.offset ?? 0, vector: cell ? 0 : 1,
      map: COLOR_MAP_NAMES.indexOf(this.map), symmetric: this.map === 'coolwarm' ? 1 : 0,
      fixed: this.fixed ? 1 : 0, fixed_lo: this.fixed?.[0] ?? 0, fixed_hi: this.fixed?.[1] ?? 0,
      nan_rgba: packRgba(NAN_RGB),
    }));
    this.range.encode(encoder, this.index, { field: s.name, map: this.map, fixed: this.fixed !== undefined });
  }

  draw(pass: GPURenderPassEncoder): void {
    if (!this.sources.length) return;
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.groups[this.index]);
    pass.draw(6);
  }

  destroy(): void {
    this.range.destroy();
    this.params.destroy();
    this.colormaps.destroy();
  }
}
