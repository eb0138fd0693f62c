// Shared by the render tests: one frame of a TissueView into an offscreen rgba8unorm texture,
// read back as tightly packed RGBA rows (top row first); and the cells' bilinear environment
// sample (shaders/cells/sample.wgsl) on the CPU.
import type { Camera } from '../../src/app/view/camera.ts';
import type { TissueView } from '../../src/app/view/tissue-view.ts';

export async function renderPixels(device: GPUDevice, view: TissueView, camera: Camera, width: number, height: number): Promise<Uint8Array> {
  const texture = device.createTexture({
    label: 'test.target', size: [width, height], format: 'rgba8unorm',
    usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC,
  });
  // Rows of a texture copy are padded to 256 bytes.
  const row = Math.ceil((width * 4) / 256) * 256;
  const staging = device.createBuffer({ label: 'test.pixels', size: row * height, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  const encoder = device.createCommandEncoder({ label: 'test.render' });
  view.encode(encoder, texture.createView(), width, height, camera);
  encoder.copyTextureToBuffer({ texture }, { buffer: staging, bytesPerRow: row }, [width, height]);
  device.queue.submit([encoder.finish()]);
  view.submitted();
  await staging.mapAsync(GPUMapMode.READ);
  const padded = new Uint8Array(staging.getMappedRange());
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) pixels.set(padded.subarray(y * row, y * row + width * 4), y * width * 4);
  staging.unmap();
  staging.destroy();
  texture.destroy();
  return pixels;
}

/** env[2c + part] bilinear in cell centres, clamped at the edges, as sample_env does it. */
export function sampleEnv(env: Float32Array, nx: number, ny: number, h: number, x: number, y: number, part: 0 | 1): number[] {
  const gx = Math.min(Math.max(x / h - 0.5, 0), nx - 1);
  const gy = Math.min(Math.max(y / h - 0.5, 0), ny - 1);
  const i0 = Math.min(Math.floor(gx), nx - 1), j0 = Math.min(Math.floor(gy), ny - 1);
  const i1 = Math.min(i0 + 1, nx - 1), j1 = Math.min(j0 + 1, ny - 1);
  const fx = gx - i0, fy = gy - j0;
  const at = (i: number, j: number, k: number) => env[8 * (j * nx + i) + 4 * part + k];
  return [0, 1, 2, 3].map((k) => {
    const bottom = at(i0, j0, k) + (at(i1, j0, k) - at(i0, j0, k)) * fx;
    const top = at(i0, j1, k) + (at(i1, j1, k) - at(i0, j1, k)) * fx;
    return bottom + (top - bottom) * fy;
  });
}
