// The app's picture of a running simulation, drawn straight from the simulation's own GPU
// buffers (no field is read back to draw it): the selected field, the capillaries, the cancer
// and NK cells, in world µm through a Camera. Build one per Simulation; it records into the
// caller's encoder, and the caller submits.
//
//   const view = new TissueView(device, format, sim);
//   view.setField('oxygen');
//   view.encode(encoder, context.getCurrentTexture().createView(), canvas.width, canvas.height, camera);
//   device.queue.submit([encoder.finish()]);
//   view.submitted();                                      // starts the range's readback
//   drawLegend(legendCanvas, view.range, view.colorMap, 'oxygen (mmHg)');  // the latest that came back
import type { ColorMapName } from '../../io/colormap.ts';
import { structUniform } from '../../gpu/buffers.ts';
import { renderWgsl } from '../../gpu/shaders.ts';
import { packNamed, scalarStruct } from '../../gpu/struct-layout.ts';
import type { Simulation } from '../../sim/simulation.ts';
import type { Camera } from './camera.ts';
import { CellLayer } from './cell-layer.ts';
import { FieldLayer, type FieldInfo } from './field-layer.ts';
import type { DisplayRange } from './field-range.ts';
import { CELL_MIN_PX, HOLLOW_FRACTION, packRgba, PALETTE, RIM_MIN_PX, VESSEL_MIN_PX } from './palette.ts';
import { VesselLayer } from './vessel-layer.ts';

export interface Layers {
  field: boolean;
  vessels: boolean;
  cells: boolean;
  nk: boolean;
}

export class TissueView {
  private readonly device: GPUDevice;
  private readonly viewParams: GPUBuffer;
  private readonly fieldLayer: FieldLayer;
  private readonly vessels?: VesselLayer;
  private readonly cells?: CellLayer;
  private readonly grid: { nx: number; ny: number; h: number };
  private readonly nucleusMicrons: number;
  private layers: Layers = { field: true, vessels: true, cells: true, nk: true };

  /** `format`: the target's; not an -srgb one, which would re-encode the colour maps' bytes. */
  constructor(device: GPUDevice, format: GPUTextureFormat, private readonly sim: Simulation) {
    if (format.endsWith('-srgb')) throw new Error(`TissueView: target format ${format} would re-encode colours; use ${format.replace('-srgb', '')}`);
    this.device = device;
    const { nx, ny, hMicrons: h } = sim.world;
    this.grid = { nx, ny, h };
    this.nucleusMicrons = sim.scenario.parameters.nucleusDiameterMicrons;
    this.viewParams = structUniform(device, 'View.viewParams', scalarStruct(renderWgsl.view, 'ViewParams'));
    this.fieldLayer = new FieldLayer(device, format, sim, this.viewParams);
    if (sim.oxygen && sim.world.vessels.length > 0) this.vessels = new VesselLayer(device, format, sim.world.vessels, sim.oxygen.perfusion, this.viewParams);
    if (sim.cells) this.cells = new CellLayer(device, format, sim.cells.cells, this.viewParams);
  }

  /** The fields this simulation can show, in picker order. */
  get fields(): readonly FieldInfo[] {
    return this.fieldLayer.fields;
  }

  /** The field shown now (undefined only when the simulation has no field at all). */
  get field(): FieldInfo | undefined {
    return this.fieldLayer.current;
  }

  /** The colour map the field is drawn with now. */
  get colorMap(): ColorMapName {
    return this.fieldLayer.map;
  }

  /**
   * The displayed [lo, hi] of the latest drawn frame whose range has come back (a frame or two
   * late), for the legend; [NaN, NaN] before the first has.
   */
  get range(): readonly [number, number] {
    const r = this.fieldLayer.range.latest;
    return r ? [r.lo, r.hi] : [NaN, NaN];
  }

  /** All that frame's range readback says: which field, the data's extremes, how many NaN or ±Inf. */
  get rangeReport(): DisplayRange | undefined {
    return this.fieldLayer.range.latest;
  }

  /** Shows field `name` (colour map and range stay as set). */
  setField(name: string): void {
    this.fieldLayer.select(name);
  }

  /** A colour map, or null for each field's own (snapshot.ts's choice). */
  setColorMap(map: ColorMapName | null): void {
    this.fieldLayer.mapOverride = map;
  }

  /** A fixed [lo, hi] (lo < hi, in the field's unit) or 'auto': finite min/max, ±max|v| for coolwarm. */
  setRange(range: readonly [number, number] | 'auto'): void {
    if (range !== 'auto' && !(Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[0] < range[1])) {
      throw new Error(`TissueView: a fixed range needs finite lo < hi, got [${range[0]}, ${range[1]}]`);
    }
    this.fieldLayer.fixed = range === 'auto' ? undefined : [range[0], range[1]];
  }

  setLayers(layers: Partial<Layers>): void {
    this.layers = { ...this.layers, ...layers };
  }

  /**
   * Records one frame into `target` (width × height pixels; the camera is resized to it). Its
   * uniforms are written to the queue now, so encode once per submission.
   */
  encode(encoder: GPUCommandEncoder, target: GPUTextureView, width: number, height: number, camera: Camera): void {
    camera.resize(width, height);
    const m = camera.viewProjection();
    const c = PALETTE;
    this.device.queue.writeBuffer(this.viewParams, 0, packNamed(renderWgsl.view, 'ViewParams', {
      scale_x: m[0], scale_y: m[5], offset_x: m[12], offset_y: m[13], microns_per_pixel: camera.micronsPerPixel(), width_px: width, height_px: height,
      nx: this.grid.nx, ny: this.grid.ny, h: this.grid.h,
      vessel_min_px: VESSEL_MIN_PX, cell_min_px: CELL_MIN_PX, nucleus_um: this.nucleusMicrons,
      rim_min_px: RIM_MIN_PX, hollow_fraction: HOLLOW_FRACTION,
      open_rgba: packRgba(c.openVessel), collapsed_rgba: packRgba(c.collapsedVessel), naive_rgba: packRgba(c.naive),
      primed_rgba: packRgba(c.primed), at_risk_rgba: packRgba(c.atRisk), nk_rgba: packRgba(c.nk), rim_rgba: packRgba(c.rim),
      cells_sensed: this.sim.steps > 0 ? 1 : 0,
    }));
    const { field, vessels, cells, nk } = this.layers;
    if (field) this.fieldLayer.encodeRange(encoder);
    if (cells) this.cells?.prepare(encoder);
    const [r, g, b] = c.background.map((v) => v / 255);
    const pass = encoder.beginRenderPass({
      label: 'View',
      colorAttachments: [{ view: target, loadOp: 'clear', storeOp: 'store', clearValue: { r, g, b, a: 1 } }],
    });
    if (field) this.fieldLayer.draw(pass);
    if (cells) this.cells?.drawCancer(pass);
    if (nk) this.cells?.drawNk(pass);
    // Vessels last: a handful of markers that cells must not hide.
    if (vessels) this.vessels?.draw(pass);
    pass.end();
  }

  /** Call after submitting the encoder given to encode(). */
  submitted(): void {
    this.fieldLayer.range.submitted();
  }

  /** Resolves once the ranges of every frame submitted so far have come back (tests, exports). */
  settled(): Promise<void> {
    return this.fieldLayer.range.settled();
  }

  destroy(): void {
    this.fieldLayer.destroy();
    this.vessels?.destroy();
    this.cells?.destroy();
    this.viewParams.destroy();
  }
}
