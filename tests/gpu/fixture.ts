// The one GPU fixture (every GPU test file uses it): a device per test file, every test wrapped in
// validation and out-of-memory error scopes. With REQUIRE_GPU=1 (the default, vitest.config.ts)
// a missing adapter fails the run instead of skipping it.
import { afterAll, beforeAll, expect } from 'vitest';
import { acquireGpu, type Gpu } from '../../src/gpu/device.ts';

export const requireGpu = process.env.REQUIRE_GPU === '1';

export function useGpu(): () => Gpu {
  let gpu: Gpu | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      gpu = await acquireGpu();
    } catch (error) {
      failure = error;
      if (requireGpu) throw error;
    }
  });
  afterAll(() => gpu?.destroy());
  return () => {
    if (!gpu) throw new Error(`no GPU for this test: ${String(failure)}`);
    return gpu;
  };
}

/** Runs `body` inside validation and out-of-memory scopes and fails on any error they catch. */
export async function scoped<T>(gpu: Gpu, body: () => Promise<T>): Promise<T> {
  gpu.device.pushErrorScope('validation');
  gpu.device.pushErrorScope('out-of-memory');
  const result = await body();
  const oom = await gpu.device.popErrorScope();
  const validation = await gpu.device.popErrorScope();
  expect(oom?.message ?? null).toBeNull();
  expect(validation?.message ?? null).toBeNull();
  return result;
}
