// Render pipelines the way kernel.ts builds compute ones: explicit bind-group layouts (never
// 'auto', so a layout is checked against the shader at creation), labels naming the owner.
// Bindings are named as the WGSL names them; their numbers and kinds are read from the WGSL.
import { wgslBindings } from '../../gpu/wgsl-bindings.ts';

export type Stage = 'vertex' | 'fragment' | 'both';

/** A bind-group layout over some of a shader's bindings, each given by its WGSL name. */
export interface RenderLayout<N extends string> {
  label: string;
  layout: GPUBindGroupLayout;
  numbers: Record<N, number>;
}

/** `stages` names each binding the pipeline uses and the stages that read it. */
export function bindLayout<N extends string>(device: GPUDevice, label: string, code: string, stages: Record<N, Stage>): RenderLayout<N> {
  // GPUShaderStage is read here, not at import: in Node it exists only once WebGPU is set up.
  const visibility = { vertex: GPUShaderStage.VERTEX, fragment: GPUShaderStage.FRAGMENT, both: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT };
  const declared = wgslBindings(label, code);
  const entries = (Object.entries(stages) as [N, Stage][]).map(([name, stage]) => {
    const b = declared.get(name);
    if (!b) throw new Error(`${label}: binding ${name} is not declared in its WGSL (it declares ${[...declared.keys()].join(', ')})`);
    return { name, binding: b.binding, visibility: visibility[stage], buffer: { type: b.kind } };
  });
  return {
    label,
    layout: device.createBindGroupLayout({ label: `${label}.layout`, entries }),
    numbers: Object.fromEntries(entries.map((e) => [e.name, e.binding])) as Record<N, number>,
  };
}

export function bindBuffers<N extends string>(device: GPUDevice, label: string, layout: RenderLayout<N>, buffers: Record<N, GPUBuffer>): GPUBindGroup {
  const entries = (Object.entries(buffers) as [N, GPUBuffer][]).map(([name, buffer]) => ({ binding: layout.numbers[name], resource: { buffer } }));
  return device.createBindGroup({ label, layout: layout.layout, entries });
}

export interface RenderPipelineSpec {
  label: string;
  code: string;
  layout: RenderLayout<string>;
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
    layout: device.createPipelineLayout({ label: `${spec.label}.pipelineLayout`, bindGroupLayouts: [spec.layout.layout] }),
    vertex: { module, entryPoint: spec.vertex, buffers: spec.buffers ?? [] },
    fragment: { module, entryPoint: spec.fragment, targets: [{ format: spec.format }] },
    primitive: { topology: 'triangle-list' },
  });
}
