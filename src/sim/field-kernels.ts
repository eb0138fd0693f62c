// Pipelines of the per-cell field updates, built once per device.
import { Kernel, type KernelOf } from '../gpu/kernel.ts';
import { compose, wgsl } from '../gpu/shaders.ts';

const MATERIAL_BINDINGS = ['params', 'density', 'laid_collagen', 'exposure', 'softening', 'growth', 'E', 'eigenstrain'] as const;
const PERFUSION_BINDINGS = ['params', 'pressure', 'perfusion'] as const;

export interface FieldKernels {
  material: KernelOf<typeof MATERIAL_BINDINGS>;
  perfusion: KernelOf<typeof PERFUSION_BINDINGS>;
}

export function fieldKernels(device: GPUDevice): FieldKernels {
  return {
    material: new Kernel(device, { label: 'Material.update', code: compose(wgsl.collagen, wgsl.material), bindings: MATERIAL_BINDINGS }),
    perfusion: new Kernel(device, { label: 'Perfusion.update', code: wgsl.perfusion, bindings: PERFUSION_BINDINGS }),
  };
}
