// Pipelines of the per-cell field updates, built once per device.
import { Kernel } from '../gpu/kernel.ts';
import { compose, wgsl } from '../gpu/shaders.ts';

export interface FieldKernels {
  material: Kernel;
  perfusion: Kernel;
}

export function fieldKernels(device: GPUDevice): FieldKernels {
  const U = 'uniform' as const, R = 'read-only-storage' as const, S = 'storage' as const;
  return {
    material: new Kernel(device, { label: 'Material.update', code: compose(wgsl.collagen, wgsl.material), bindings: [U, R, R, S, S, S, S, S] }),
    perfusion: new Kernel(device, { label: 'Perfusion.update', code: wgsl.perfusion, bindings: [U, R, S] }),
  };
}
