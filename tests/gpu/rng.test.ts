// The WGSL random numbers are the bit-exact twin of the TypeScript ones (src/model/rng.ts),
// so a run's randomness does not depend on where a draw is made.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/gpu/kernel.ts';
import { readBuffer, storageBuffer } from '../../src/gpu/buffers.ts';
import { compose, wgsl } from '../../src/gpu/shaders.ts';
import { WG_1D } from '../../src/gpu/workgroup.ts';
import { hash4, uniform4 } from '../../src/model/rng.ts';
import { scoped, useGpu } from './fixture.ts';

const DRAWS = 4096;

const PROBE = `
override WG: u32;
@group(0) @binding(0) var<storage, read_write> words: array<vec4<u32>>;
@group(0) @binding(1) var<storage, read_write> floats: array<vec4<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= ${DRAWS}u) { return; }
  // Seeds and counters that reach the top bit, as long runs and large ids will.
  let seed = 0x9e3779b9u * i;
  words[i] = hash4(seed, i, i * 7u + 3u, i % 5u);
  floats[i] = uniform4(seed, i ^ 0xffffffffu, i, 2u);
}`;

describe('counter-based RNG on the GPU', () => {
  const gpu = useGpu();

  it('draws the same bits as the TypeScript twin', async () => {
    const g = gpu();
    const [words, floats] = await scoped(g, async () => {
      const kernel = new Kernel(g.device, { label: 'RngProbe', code: compose(wgsl.rng, PROBE), bindings: ['words', 'floats'] });
      const w = storageBuffer(g.device, 'RngProbe.words', DRAWS * 16);
      const f = storageBuffer(g.device, 'RngProbe.floats', DRAWS * 16);
      const encoder = g.device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      kernel.dispatch(pass, kernel.bind('probe', { words: w, floats: f }), DRAWS / WG_1D);
      pass.end();
      g.device.queue.submit([encoder.finish()]);
      return [new Uint32Array(await readBuffer(g.device, w)), new Float32Array(await readBuffer(g.device, f))];
    });
    let mismatches = 0;
    for (let i = 0; i < DRAWS; i++) {
      const seed = Math.imul(0x9e3779b9, i) >>> 0;
      const expectedWords = hash4(seed, i, (Math.imul(i, 7) + 3) >>> 0, i % 5);
      const expectedFloats = uniform4(seed, (i ^ 0xffffffff) >>> 0, i, 2);
      for (let k = 0; k < 4; k++) {
        if (words[4 * i + k] !== expectedWords[k]) mismatches++;
        if (floats[4 * i + k] !== expectedFloats[k]) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    expect(new Set(words).size).toBeGreaterThan(4 * DRAWS * 0.99);
  });
});
