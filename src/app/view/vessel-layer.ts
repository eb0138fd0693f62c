// The vessels layer: every capillary of the world as an instanced disk, open or collapsed as the
// perfusion field on the GPU says this frame (shaders/render/vessels.wgsl).
import { compose, renderWgsl } from '../../gpu/shaders.ts';
import type { Vessel } from '../../model/vessels.ts';
import { bindBuffers, bindLayout, renderPipeline } from './render-kit.ts';

export class VesselLayer {
  private readonly instances: GPUBuffer;
  private readonly count: number;
  private readonly pipeline: GPURenderPipeline;
  private readonly group: GPUBindGroup;

  constructor(device: GPUDevice, format: GPUTextureFormat, vessels: readonly Vessel[], perfusion: GPUBuffer, viewParams: GPUBuffer) {
    this.count = vessels.length;
    const data = Float32Array.from(vessels.flatMap((v) => [v.xMicrons, v.yMicrons, v.radiusMicrons]));
    this.instances = device.createBuffer({ label: 'View.vessels', size: Math.max(12, data.byteLength), usage: GPUBufferUsage.VERTEX | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(this.instances, 0, data);
    const code = compose(renderWgsl.view, renderWgsl.disk, renderWgsl.vessels);
    const layout = bindLayout(device, 'View.vessels', code, { view_params: 'both', perfusion: 'vertex' });
    this.pipeline = renderPipeline(device, {
      label: 'View.vessels', code,
      layout, format, vertex: 'vs_vessel', fragment: 'fs_disk',
      buffers: [{ arrayStride: 12, stepMode: 'instance', attributes: [{ shaderLocation: 0, offset: 0, format: 'float32x3' }] }],
    });
    this.group = bindBuffers(device, 'View.vessels', layout, { view_params: viewParams, perfusion });
  }

  draw(pass: GPURenderPassEncoder): void {
    if (this.count === 0) return;
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.group);
    pass.setVertexBuffer(0, this.instances);
    pass.draw(6, this.count);
  }

  destroy(): void {
    this.instances.destroy();
  }
}
