// The cells layer: cancer cells from the population's current parity, drawn as many as the
// census says are alive (an indirect draw whose instance count is copied from the census on the
// GPU, so nothing is read back), and NK cells (shaders/render/cells.wgsl). The population swaps
// parity every step and is replaced when it grows: a frame picks the parity's bind group, and
// builds new ones only when the population object has changed.
import { cellWgsl, compose, renderWgsl } from '../../gpu/shaders.ts';
import type { Cells } from '../../cells/cells.ts';
import type { Population } from '../../cells/population.ts';
import { bindBuffers, bindLayout, renderPipeline, type RenderLayout } from './render-kit.ts';

/** The census holds (survivors, births, next id, live count): the live count is word 3. */
const CENSUS_LIVE_BYTE = 12;
/** drawIndirect's arguments: vertex count, instance count, first vertex, first instance. */
const INSTANCE_COUNT_BYTE = 4;

export class CellLayer {
  private readonly device: GPUDevice;
  private readonly cancerLayout: RenderLayout<'view_params' | 'params' | 'body' | 'tag' | 'env'>;
  private readonly cancer: GPURenderPipeline;
  private readonly nk: GPURenderPipeline;
  private readonly nkGroup: GPUBindGroup;
  private readonly indirect: GPUBuffer;
  private bound: { population: Population; groups: GPUBindGroup[] } | undefined;

  constructor(device: GPUDevice, format: GPUTextureFormat, private readonly cells: Cells, private readonly viewParams: GPUBuffer) {
    this.device = device;
    const code = compose(cellWgsl.agents, cellWgsl.sample, renderWgsl.view, renderWgsl.disk, renderWgsl.cells);
    this.cancerLayout = bindLayout(device, 'View.cancer', code, { view_params: 'both', params: 'vertex', body: 'vertex', tag: 'vertex', env: 'vertex' });
    this.cancer = renderPipeline(device, { label: 'View.cancer', code, layout: this.cancerLayout, format, vertex: 'vs_cancer', fragment: 'fs_disk' });
    const nkLayout = bindLayout(device, 'View.nk', code, { view_params: 'both', nk_body: 'vertex' });
    this.nk = renderPipeline(device, { label: 'View.nk', code, layout: nkLayout, format, vertex: 'vs_nk', fragment: 'fs_disk' });
    this.nkGroup = bindBuffers(device, 'View.nk', nkLayout, { view_params: viewParams, nk_body: cells.nkBody });
    this.indirect = device.createBuffer({ label: 'View.cancer.indirect', size: 16, usage: GPUBufferUsage.INDIRECT | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(this.indirect, 0, new Uint32Array([6, 0, 0, 0]));
  }

  /** Before the render pass: this frame's live count into the indirect arguments. */
  prepare(encoder: GPUCommandEncoder): void {
    encoder.copyBufferToBuffer(this.population().census, CENSUS_LIVE_BYTE, this.indirect, INSTANCE_COUNT_BYTE, 4);
  }

  drawCancer(pass: GPURenderPassEncoder): void {
    const population = this.population();
    pass.setPipeline(this.cancer);
    pass.setBindGroup(0, this.bound!.groups[population.parity]);
    pass.drawIndirect(this.indirect, 0);
  }

  drawNk(pass: GPURenderPassEncoder): void {
    if (this.cells.nkCount === 0) return;
    pass.setPipeline(this.nk);
    pass.setBindGroup(0, this.nkGroup);
    pass.draw(6, this.cells.nkCount);
  }

  private population(): Population {
    const population = this.cells.population;
    if (this.bound?.population !== population) {
      const groups = [0, 1].map((p) => bindBuffers(this.device, `View.cancer[${p}]`, this.cancerLayout, {
        view_params: this.viewParams, params: this.cells.params, body: population.body[p]!, tag: population.tag[p]!, env: this.cells.env,
      }));
      this.bound = { population, groups };
    }
    return population;
  }

  destroy(): void {
    this.indirect.destroy();
  }
}
