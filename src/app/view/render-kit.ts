// Render pipelines the way kernel.ts builds compute ones: explicit bind-group layouts (never
// 'auto', so a layout is checked against the shader at creation), labels naming the owner.
// Bindings are sparse (binding numbers as the WGSL declares them).

export type Stage = 'vertex' | 'fragment' | 'both';
export type RenderBinding = [binding: number, stage: Stage, kind: GPUBufferBindingType];

export function bindLayout(device: GPUDevice, label: string, bindings: readonly RenderBinding[]): GPUBindGroupLayout {
  const stages = { vertex: GPUShaderStage.VERTEX, fragment: GPUShaderStage.FRAGMENT, both: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT };
  return device.createBindGroupLayout({
    label: `${label}.layout`,
    entries: bindings.map(([binding, stage, type]) => ({ binding, visibility: stages[stage], buffer: { type } })),
  });
}

export function bindBuffers(device: GPUDevice, label: string, layout: GPUBindGroupLayout, buffers: readonly [number, GPUBuffer][]): GPUBindGroup {
  return device.createBindGroup({ label, layout, entries: buffers.map(([binding, buffer]) => ({ binding, resource: { buffer } })) });
}

export interface RenderPipelineSpec {
  label: string;
  code: string;
  layout: GPUBindGroupLayout;
  format: GPUTextureFormat;
  vertex: string;
  fragment: string;
  buffers?: GPUVertexBufferLayout[];
}

/** Triangle lists, one colour target, no blending and no depth: layers are drawn in order. */
export function renderPipeline(device: GPUDevice, spec: RenderPipelineSpec): GPURenderPipeline {
  const module = device.createShaderModule({ label: `${spec.label}.module`, code: spec.code });
  return device.createRenderPipeline({
    label: spec.label,
    layout: device.createPipelineLayout({ label: `${spec.label}.pipelineLayout`, bindGroupLayouts: [spec.layout] }),
    vertex: { module, entryPoint: spec.vertex, buffers: spec.buffers ?? [] },
    fragment: { module, entryPoint: spec.fragment, targets: [{ format: spec.format }] },
    primitive: { topology: 'triangle-list' },
  });
}
